using System.Globalization;
using System.Text;

namespace Kefu.Core.Customers;

/// <summary>
/// CUS-03: possible duplicates are customers with the same normalised name, phone or tax id. Names
/// ignore width (全角/半角), case, spaces and punctuation; phones keep digits only, without the
/// +86/0086 prefix; tax ids (统一社会信用代码) are upper-case without spaces.
/// </summary>
public static class DuplicateKeys
{
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var text = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || category is UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol)
            {
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    public static string Phone(string? phone)
    {
        var digits = new string((phone ?? "").Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            digits = digits[2..];
        }

        return digits;
    }

    public static string TaxId(string? taxId) =>
        new string((taxId ?? "").Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>Which keys two customers share (name, phone, taxId); empty when none.</summary>
    public static IReadOnlyList<string> Shared((string? Name, string? Phone, string? TaxId) a, (string? Name, string? Phone, string? TaxId) b)
    {
        var shared = new List<string>();
        if (Name(a.Name) is { Length: > 0 } n && n == Name(b.Name))
        {
            shared.Add("name");
        }

        if (Phone(a.Phone) is { Length: >= 7 } p && p == Phone(b.Phone))
        {
            shared.Add("phone");
        }

        if (TaxId(a.TaxId) is { Length: > 0 } t && t == TaxId(b.TaxId))
        {
            shared.Add("taxId");
        }

        return shared;
    }
}
