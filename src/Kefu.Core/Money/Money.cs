using System.Globalization;

namespace Kefu.Core.Money;

/// <summary>
/// An amount of CNY held as whole fen (0.01 yuan), so that sums and comparisons are exact in
/// memory, in SQLite and in PostgreSQL. Rounding from decimals is <see cref="MidpointRounding.AwayFromZero"/>.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    /// <summary>The amount in yuan as a decimal, e.g. 1234.56.</summary>
    public decimal Yuan => Fen / 100m;

    public static Money FromYuan(decimal yuan) =>
        new((long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Parses user input in yuan. Refuses more than two decimals instead of rounding them away,
    /// because a claimed amount that is silently changed is a lost fen.
    /// </summary>
    public static bool TryParseYuan(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var cleaned = text.Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (decimal.Round(value, 2) != value)
        {
            return false;
        }

        money = FromYuan(value);
        return true;
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator -(Money a) => new(checked(-a.Fen));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public Money Multiply(decimal factor) => FromYuan(Yuan * factor);

    /// <summary>
    /// Splits this amount by weights with the largest-remainder method: every part is whole fen and
    /// the parts add up exactly to this amount (PERF-05's 600 CNY over 1.2/1/1/1 → 171.43 + 3 × 142.86 = 600.01 is impossible here).
    /// </summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        }

        var total = weights.Sum();
        if (total == 0)
        {
            throw new ArgumentException("Weights cannot all be zero.", nameof(weights));
        }

        var sign = Fen < 0 ? -1 : 1;
        var magnitude = Math.Abs(Fen);
        var parts = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = magnitude * weights[i] / total;
            parts[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - parts[i];
            allocated += parts[i];
        }

        var left = magnitude - allocated;
        foreach (var index in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i))
        {
            if (left == 0)
            {
                break;
            }

            parts[index]++;
            left--;
        }

        return parts.Select(p => new Money(sign * p)).ToArray();
    }

    /// <summary>Formats as ¥1,234.56 (UI.md).</summary>
    public override string ToString() =>
        (Fen < 0 ? "-¥" : "¥") + (Math.Abs(Fen) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
