using System.Text;

namespace Kefu.Core.Money;

/// <summary>
/// EXP-10: an amount in Chinese capitals (大写金额) as on printed claim forms, following the
/// People's Bank rules for filling in bills: 壹拾 keeps its 壹, a run of zeros inside the number is
/// one 零, a zero 元 digit before 角/分 and a zero 角 before 分 are written 零, and an amount
/// without 角 and 分 ends in 整. Amounts below one yuan have no 元 (¥0.05 → 伍分).
/// </summary>
public static class ChineseAmount
{
    /// <summary>The largest amount written: 999,999,999,999.99 yuan (units up to 仟亿).</summary>
    public static readonly Money Max = new(99_999_999_999_999);

    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] DigitUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿"];

    public static string Of(Money amount)
    {
        if (amount.Fen == long.MinValue || Math.Abs(amount.Fen) > Max.Fen)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), $"Amounts above {Max} cannot be written in capitals.");
        }

        if (amount.Fen < 0)
        {
            return "负" + Of(-amount);
        }

        var yuan = amount.Fen / 100;
        var jiao = (int)(amount.Fen / 10 % 10);
        var fen = (int)(amount.Fen % 10);
        if (yuan == 0 && jiao == 0 && fen == 0)
        {
            return "零元整";
        }

        var text = new StringBuilder();
        if (yuan > 0)
        {
            text.Append(Integer(yuan)).Append('元');
        }

        if (jiao == 0 && fen == 0)
        {
            return text.Append('整').ToString();
        }

        // ¥1,680.32 → …捌拾元零叁角贰分; ¥325.04 → …伍元零肆分.
        if (yuan > 0 && (yuan % 10 == 0 || jiao == 0))
        {
            text.Append('零');
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }

        if (fen > 0)
        {
            text.Append(Digits[fen]).Append('分');
        }

        return text.ToString();
    }

    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            groups.Add((int)(v % 10_000));
        }

        var text = new StringBuilder();
        var pendingZero = false;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            if (group == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }

            // 壹亿零壹元, 壹万零壹拾元: a zero between groups, or a group that does not fill its thousands.
            if (text.Length > 0 && (pendingZero || group < 1000))
            {
                text.Append('零');
            }

            text.Append(Group(group)).Append(GroupUnits[i]);
            pendingZero = false;
        }

        return text.ToString();
    }

    private static string Group(int group)
    {
        var text = new StringBuilder();
        var zero = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = group / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zero = text.Length > 0;
                continue;
            }

            if (zero)
            {
                text.Append('零');
                zero = false;
            }

            text.Append(Digits[digit]).Append(DigitUnits[position]);
        }

        return text.ToString();
    }
}
