using System.Text;

namespace Kefu.Core.Contacts;

/// <summary>
/// A phone number as people in mainland China write it on a form or in a spreadsheet: a mobile
/// number (1[3-9] and nine digits), a landline with its area code (010-1234 5678, 0571 8888 8888),
/// or a 400/800 service number; optionally with a +86 / 0086 prefix (then the area code's 0 may be
/// left out, +86 21 5555 1234), an extension (转 123, ext 123, x123, #123, or a last "-123" after a
/// complete landline), and spaces, dashes, dots and parentheses between the groups. Full-width
/// characters count as their ASCII forms. Letters, too few or too many digits, and groups that
/// form no number are refused: the one rule for every phone field that comes in (forms, API,
/// imports).
/// </summary>
public static class PhoneNumber
{
    /// <summary>The longest text accepted, whatever its digits: the columns hold 40 characters.</summary>
    public const int MaxLength = 40;

    private const int MaxExtensionDigits = 6;

    private static readonly string[] ExtensionMarkers = ["转", "分机", "ext.", "ext", "x", "#"];

    /// <summary>True when <paramref name="text"/> is a phone number by the rules above; blank text is not.</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    /// <summary>
    /// The number's digits in national form ("02155551234", "13800138000", "4008208820"), with the
    /// extension after an "x" ("057188888888x123"); null when the text is not a phone number.
    /// </summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var normal = Unify(text.Normalize(NormalizationForm.FormKC).Trim());
        var (main, extension) = SplitMarkedExtension(normal);
        if (main is null || !OnlyNumberCharacters(main))
        {
            return null;
        }

        if (National(main) is { } number)
        {
            return extension is null ? number : $"{number}x{extension}";
        }

        // "0571-8888 8888-123": a last dash group after a complete landline is its extension.
        var dash = main.LastIndexOf('-');
        if (extension is null && dash > 0)
        {
            var tail = main[(dash + 1)..].Trim();
            if (tail.Length is > 0 and <= MaxExtensionDigits && tail.All(char.IsAsciiDigit)
                && National(main[..dash]) is { } landline && landline[0] is '0' or '4' or '8')
            {
                return $"{landline}x{tail}";
            }
        }

        return null;
    }

    /// <summary>Dashes of every width count as "-"; the ideographic space is a space.</summary>
    private static string Unify(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                >= '\u2010' and <= '\u2015' or '\u2212' => '-',
                '\u3000' => ' ',
                _ => c,
            });
        }

        return result.ToString();
    }

    /// <summary>Splits "… 转 123", "… ext. 123", "… x123", "… #123" into the number and the extension.</summary>
    private static (string? Main, string? Extension) SplitMarkedExtension(string text)
    {
        foreach (var marker in ExtensionMarkers)
        {
            var at = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at <= 0)
            {
                continue;
            }

            var extension = text[(at + marker.Length)..].Trim();
            if (extension.Length is 0 or > MaxExtensionDigits || !extension.All(char.IsAsciiDigit))
            {
                return (null, null);
            }

            return (text[..at].TrimEnd(' ', '-', ','), extension);
        }

        return (text, null);
    }

    /// <summary>Digits and the separators people put between groups; "+" only in front.</summary>
    private static bool OnlyNumberCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0);
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The national digits of a number without extension, or null when they form no number.</summary>
    private static string? National(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var international = false;
        if (text.StartsWith('+'))
        {
            if (!digits.StartsWith("86", StringComparison.Ordinal))
            {
                return null;
            }

            digits = digits[2..];
            international = true;
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
            international = true;
        }
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) && IsMobile(digits[2..]))
        {
            return digits[2..];
        }

        // From abroad the area code's leading 0 is dropped: +86 21 5555 1234 is 021-5555 1234.
        if (international && digits.Length > 0 && digits[0] != '0' && !IsMobile(digits) && !IsService(digits))
        {
            digits = "0" + digits;
        }

        return IsMobile(digits) || IsLandline(digits) || IsService(digits) ? digits : null;
    }

    private static bool IsMobile(string d) => d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9';

    /// <summary>400/800 numbers: ten digits.</summary>
    private static bool IsService(string d) => d.Length == 10 && (d.StartsWith("400", StringComparison.Ordinal) || d.StartsWith("800", StringComparison.Ordinal));

    /// <summary>
    /// 0 + area code + local number: 010 and 02x take eight local digits, the three-digit codes
    /// (03xx–09xx) seven or eight; a local number never starts with 0.
    /// </summary>
    private static bool IsLandline(string d)
    {
        if (d.Length < 2 || d[0] != '0')
        {
            return false;
        }

        var areaLength = d[1] switch
        {
            '1' => d.Length > 2 && d[2] == '0' ? 2 : -1,
            '2' => 2,
            >= '3' and <= '9' => 3,
            _ => -1,
        };
        if (areaLength < 0)
        {
            return false;
        }

        var local = d[(1 + areaLength)..];
        var lengthOk = areaLength == 2 ? local.Length == 8 : local.Length is 7 or 8;
        return lengthOk && local[0] != '0';
    }
}
