using Kefu.Core.Contacts;

namespace Kefu.Core.Tests.Contacts;

/// <summary>The one phone rule of every phone field (CUS-01 contacts, ORG-04 staff, orders, inquiries, imports).</summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("19912345678", "19912345678")]
    public void CUS_01_mainland_mobile_numbers_are_accepted(string text, string national) =>
        Assert.Equal(national, PhoneNumber.Parse(text));

    [Theory]
    [InlineData("010-12345678", "01012345678")]
    [InlineData("010 8888 0001", "01088880001")]
    [InlineData("021-5555 1234", "02155551234")]
    [InlineData("(021) 5555-1234", "02155551234")]
    [InlineData("（０２１）５５５５－１２３４", "02155551234")]
    [InlineData("021.5555.1234", "02155551234")]
    [InlineData("0571 8888 8888", "057188888888")]
    [InlineData("0971-6000001", "09716000001")]
    [InlineData("+86 21 5555 1234", "02155551234")]
    [InlineData("+86 2155551234", "02155551234")]
    [InlineData("+86 10 1234 5678", "01012345678")]
    [InlineData("0086 571 8888 8888", "057188888888")]
    [InlineData("+86 (0)21 5555 1234", "02155551234")]
    [InlineData("400-820-8820", "4008208820")]
    [InlineData("800 820 8820", "8008208820")]
    public void CUS_01_landlines_with_area_code_and_service_numbers_are_accepted(string text, string national) =>
        Assert.Equal(national, PhoneNumber.Parse(text));

    [Theory]
    [InlineData("0571 8888 8888-123", "057188888888x123")]
    [InlineData("0571-8888-8888-123", "057188888888x123")]
    [InlineData("021-5555 1234 转 8001", "02155551234x8001")]
    [InlineData("021-55551234转8001", "02155551234x8001")]
    [InlineData("021-5555 1234 分机 12", "02155551234x12")]
    [InlineData("021 5555 1234 ext. 123", "02155551234x123")]
    [InlineData("021 5555 1234 EXT 123", "02155551234x123")]
    [InlineData("021 5555 1234 x123", "02155551234x123")]
    [InlineData("021 5555 1234 #123", "02155551234x123")]
    [InlineData("400-820-8820 转 2", "4008208820x2")]
    public void CUS_01_extensions_are_accepted_after_a_landline(string text, string national) =>
        Assert.Equal(national, PhoneNumber.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("138OO138000")]                // letters O for zeros
    [InlineData("1380013800a")]
    [InlineData("021-5555 123A")]
    [InlineData("tel: 13800138000")]
    [InlineData("13800138000 (mobile)")]
    [InlineData("12345")]
    [InlineData("1380013800")]                 // ten digits
    [InlineData("138001380001")]               // twelve digits
    [InlineData("12800138000")]                // no mobile range 12x
    [InlineData("5555 1234")]                  // no area code
    [InlineData("021-555 1234")]               // seven local digits after a two-digit code
    [InlineData("021-0555 1234")]              // a local number never starts with 0
    [InlineData("000-0000-0000")]
    [InlineData("011-12345678")]               // no area code 011
    [InlineData("+1 415 555 0100")]            // not mainland China
    [InlineData("1+3800138000")]
    [InlineData("13800138000-12")]             // an extension needs a landline
    [InlineData("021-5555 1234 转")]
    [InlineData("021-5555 1234 转 1234567")]   // extension too long
    [InlineData("转 123")]
    [InlineData("021-5555 1234 转 12a")]
    [InlineData("13800138000; 13900139000")]   // two numbers
    [InlineData("<script>alert(1)</script>")]
    public void CUS_01_letters_and_nonsense_are_refused(string? text)
    {
        Assert.Null(PhoneNumber.Parse(text));
        Assert.False(PhoneNumber.IsValid(text));
    }

    [Fact]
    public void CUS_01_text_longer_than_the_column_is_refused_even_with_valid_digits() =>
        Assert.False(PhoneNumber.IsValid("021" + new string(' ', 40) + "55551234"));
}
