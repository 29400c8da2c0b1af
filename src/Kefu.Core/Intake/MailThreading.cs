using System.Text.RegularExpressions;

namespace Kefu.Core.Intake;

/// <summary>Which record a record number in a subject names.</summary>
public enum NumberedRecord
{
    Incident,
    Order,
}

/// <summary>A record number found in a subject line.</summary>
public sealed record SubjectNumber(NumberedRecord Record, string Number);

/// <summary>
/// Threading of incoming mail: a message belongs to the conversation of the message it answers
/// (In-Reply-To), of any message it lists (References, nearest first), or of the record whose
/// number its subject carries ("Re: 投诉回复 [I000123]").
/// </summary>
public static partial class MailThreading
{
    /// <summary>Message ids without angle brackets, longest to write: RFC 5322 ids are short, anything longer is noise.</summary>
    public const int MaxMessageIdLength = 250;

    /// <summary>The ids the message refers to, the one it answers first, then its References from the last (nearest) to the first, without duplicates.</summary>
    public static IReadOnlyList<string> CandidateIds(string? inReplyTo, IEnumerable<string>? references)
    {
        var ids = new List<string>();
        foreach (var id in Ids(inReplyTo).Concat((references ?? []).Reverse().SelectMany(Ids)))
        {
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>An id as stored: no angle brackets or spaces; null when empty or too long.</summary>
    public static string? Normalize(string? messageId)
    {
        var id = messageId?.Trim().Trim('<', '>').Trim();
        return string.IsNullOrEmpty(id) || id.Length > MaxMessageIdLength || id.Any(char.IsWhiteSpace) ? null : id;
    }

    /// <summary>Record numbers in the subject, in the order they appear: incidents (I000123) and work orders (WO000123).</summary>
    public static IReadOnlyList<SubjectNumber> NumbersIn(string? subject) =>
        string.IsNullOrEmpty(subject)
            ? []
            : NumberPattern().Matches(subject).Select(m => m.Groups["wo"].Success
                ? new SubjectNumber(NumberedRecord.Order, m.Groups["wo"].Value.ToUpperInvariant())
                : new SubjectNumber(NumberedRecord.Incident, m.Groups["i"].Value.ToUpperInvariant())).ToArray();

    /// <summary>The subject of an answer: the original subject once prefixed with "Re:", and the record's number in brackets unless it is there already.</summary>
    public static string ReplySubject(string? original, string number)
    {
        var subject = (original ?? "").Trim();
        subject = subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("回复", StringComparison.Ordinal) ? subject : "Re: " + subject;
        return subject.Contains(number, StringComparison.OrdinalIgnoreCase) ? subject : $"{subject} [{number}]";
    }

    private static IEnumerable<string> Ids(string? header) =>
        string.IsNullOrWhiteSpace(header)
            ? []
            : IdPattern().Matches(header).Select(m => Normalize(m.Value)).Where(id => id is not null).Select(id => id!)
                .DefaultIfEmpty(Normalize(header) ?? "").Where(id => id.Length > 0);

    [GeneratedRegex(@"<[^<>\s]+>")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:(?<wo>WO\d{6,})|(?<i>I\d{6,}))(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
