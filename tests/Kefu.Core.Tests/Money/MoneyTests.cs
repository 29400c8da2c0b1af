using KefuMoney = Kefu.Core.Money.Money;

namespace Kefu.Core.Tests.Money;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1.005", 101)]
    [InlineData("-1.005", -101)]
    [InlineData("0.125", 13)]
    [InlineData("2.345", 235)]
    [InlineData("1.004", 100)]
    [InlineData("0", 0)]
    [InlineData("1234.56", 123456)]
    public void FromYuan_HalfFen_RoundsAwayFromZero(string yuan, long expectedFen) =>
        Assert.Equal(expectedFen, KefuMoney.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)).Fen);

    [Theory]
    [InlineData("12", 1200)]
    [InlineData(" 12.5 ", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("-3.01", -301)]
    [InlineData("¥1,234.56", 123456)]
    [InlineData("￥0.01", 1)]
    public void TryParseYuan_ValidAmount_ParsesExactFen(string text, long expectedFen)
    {
        Assert.True(KefuMoney.TryParseYuan(text, out var money));
        Assert.Equal(expectedFen, money.Fen);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("0.001")]
    [InlineData("12.345")]
    public void TryParseYuan_ThreeDecimals_IsRefusedNotRounded(string text)
    {
        Assert.False(KefuMoney.TryParseYuan(text, out var money));
        Assert.Equal(KefuMoney.Zero, money);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("1.2.3")]
    [InlineData("1e3")]
    [InlineData("¥")]
    public void TryParseYuan_Garbage_IsRefused(string? text)
    {
        Assert.False(KefuMoney.TryParseYuan(text, out var money));
        Assert.Equal(KefuMoney.Zero, money);
    }

    [Fact]
    public void PERF_05_Allocate_600ByManagerAndThreeMembers_PartsAddUpExactly()
    {
        var parts = KefuMoney.FromYuan(600m).Allocate([1.2m, 1m, 1m, 1m]);

        Assert.Equal(60000, parts.Sum(p => p.Fen));
        // Exact shares are 171.428…, 142.857… ×3: floors leave 3 fen, given to the largest remainders (manager first, then members in order).
        Assert.Equal([17143L, 14286L, 14286L, 14285L], parts.Select(p => p.Fen));
        Assert.Equal(171.43m, parts[0].Yuan);
    }

    [Fact]
    public void PERF_05_Allocate_EveryPart_IsWithinOneFenOfItsExactShare()
    {
        var total = KefuMoney.FromYuan(1000.01m);
        decimal[] weights = [3m, 1.5m, 1m, 0.25m, 0m];
        var parts = total.Allocate(weights);

        Assert.Equal(total.Fen, parts.Sum(p => p.Fen));
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total.Fen * weights[i] / weights.Sum();
            Assert.InRange(parts[i].Fen, decimal.Floor(exact), decimal.Ceiling(exact));
        }

        Assert.Equal(0, parts[^1].Fen);
    }

    [Fact]
    public void PERF_05_Allocate_NegativeAmount_MirrorsPositive()
    {
        var parts = KefuMoney.FromYuan(-600m).Allocate([1.2m, 1m, 1m, 1m]);

        Assert.Equal([-17143L, -14286L, -14286L, -14285L], parts.Select(p => p.Fen));
    }

    [Fact]
    public void PERF_05_Allocate_EqualWeights_GivesLeftoverFenToEarliestParts()
    {
        var parts = new KefuMoney(100).Allocate([1m, 1m, 1m]);

        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Fen));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0d, 0d })]
    [InlineData(new[] { 1d, -1d })]
    public void Allocate_InvalidWeights_Throws(double[] weights) =>
        Assert.Throws<ArgumentException>(() => new KefuMoney(100).Allocate(weights.Select(w => (decimal)w).ToArray()));

    [Theory]
    [InlineData(123456, "¥1,234.56")]
    [InlineData(1, "¥0.01")]
    [InlineData(-1, "-¥0.01")]
    [InlineData(0, "¥0.00")]
    [InlineData(100000000, "¥1,000,000.00")]
    public void ToString_Amount_FormatsAsYuanWithThousands(long fen, string expected) =>
        Assert.Equal(expected, new KefuMoney(fen).ToString());

    [Fact]
    public void Arithmetic_Overflow_ThrowsInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => new KefuMoney(long.MaxValue) + new KefuMoney(1));
        Assert.Throws<OverflowException>(() => new KefuMoney(long.MinValue) - new KefuMoney(1));
        Assert.Throws<OverflowException>(() => -new KefuMoney(long.MinValue));
    }

    [Fact]
    public void Arithmetic_AddSubtractCompare_WorkInFen()
    {
        var a = KefuMoney.FromYuan(10.10m);
        var b = KefuMoney.FromYuan(0.20m);

        Assert.Equal(1030, (a + b).Fen);
        Assert.Equal(990, (a - b).Fen);
        Assert.Equal(-1010, (-a).Fen);
        Assert.True(a > b);
        Assert.True(b < a);
        Assert.True(a >= KefuMoney.FromYuan(10.1m));
        Assert.True(b <= KefuMoney.FromYuan(0.2m));
        Assert.True(a.CompareTo(b) > 0);
    }

    [Theory]
    [InlineData(1000, "0.333", 333)]
    [InlineData(1000, "0.3335", 334)]
    [InlineData(-1000, "0.3335", -334)]
    public void Multiply_Factor_RoundsAwayFromZero(long fen, string factor, long expected) =>
        Assert.Equal(expected, new KefuMoney(fen).Multiply(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture)).Fen);
}
