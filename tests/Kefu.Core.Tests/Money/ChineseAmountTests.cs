using Kefu.Core.Money;

namespace Kefu.Core.Tests.Money;

public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.5", "伍角")]
    [InlineData("10", "壹拾元整")]
    [InlineData("16", "壹拾陆元整")]
    [InlineData("100.10", "壹佰元零壹角")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("10000.50", "壹万元零伍角")]
    [InlineData("1234.56", "壹仟贰佰叁拾肆元伍角陆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")]
    [InlineData("10010", "壹万零壹拾元整")]
    [InlineData("1000100", "壹佰万零壹佰元整")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("100100000", "壹亿零壹拾万元整")]
    [InlineData("2000", "贰仟元整")]
    [InlineData("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void EXP_10_amount_in_chinese_capitals(string yuan, string expected) =>
        Assert.Equal(expected, ChineseAmount.Of(Kefu.Core.Money.Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void EXP_10_negative_amounts_and_the_limit()
    {
        Assert.Equal("负伍元整", ChineseAmount.Of(new Kefu.Core.Money.Money(-500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.Of(ChineseAmount.Max + new Kefu.Core.Money.Money(1)));
    }
}
