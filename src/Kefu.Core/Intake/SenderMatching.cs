namespace Kefu.Core.Intake;

/// <summary>A customer contact's email address as the customer record holds it.</summary>
public sealed record ContactAddress(int CustomerId, string Email);

/// <summary>The customer a sender was matched to, or none ("unknown sender").</summary>
public sealed record SenderMatch(int? CustomerId, bool Ambiguous)
{
    public static readonly SenderMatch Unknown = new(null, false);
}

/// <summary>
/// Who wrote: a sender address is matched to the customer whose contact has that address,
/// compared without case and surrounding spaces. An address that two customers share names
/// neither (the specialist chooses): a guess would put the message in the wrong customer's file.
/// </summary>
public static class SenderMatching
{
    public static string? Normalize(string? address)
    {
        var a = address?.Trim().Trim('<', '>').Trim();
        return string.IsNullOrEmpty(a) || !a.Contains('@', StringComparison.Ordinal) ? null : a.ToLowerInvariant();
    }

    public static SenderMatch Match(string? sender, IEnumerable<ContactAddress> contacts)
    {
        if (Normalize(sender) is not { } address)
        {
            return SenderMatch.Unknown;
        }

        var customers = contacts.Where(c => Normalize(c.Email) == address).Select(c => c.CustomerId).Distinct().Take(2).ToArray();
        return customers switch
        {
            [var one] => new SenderMatch(one, false),
            [] => SenderMatch.Unknown,
            _ => new SenderMatch(null, true),
        };
    }
}

/// <summary>What can be kept of a message under the intake policy's limits.</summary>
public enum MessageFit
{
    /// <summary>Read whole.</summary>
    Whole,

    /// <summary>Larger than <see cref="IntakePolicy.MaxMessageBytes"/>: only its headers are read.</summary>
    HeadersOnly,
}

/// <summary>The size limits of the intake: nothing is lost, a huge message is kept by its headers, a long body is cut.</summary>
public static class IntakeLimits
{
    public static MessageFit Fit(long? sizeBytes, IntakePolicy policy) =>
        sizeBytes is { } size && size > policy.MaxMessageBytes ? MessageFit.HeadersOnly : MessageFit.Whole;

    /// <summary>The body to keep and whether it was cut.</summary>
    public static (string Body, bool Cut) Body(string? text, IntakePolicy policy)
    {
        var body = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return body.Length <= policy.MaxBodyChars ? (body, false) : (body[..policy.MaxBodyChars], true);
    }

    /// <summary>The wait before the next try of a mailbox after <paramref name="failures"/> failures in a row: the first retry delay, doubled each time, capped.</summary>
    public static TimeSpan RetryAfter(int failures, IntakePolicy policy) =>
        TimeSpan.FromSeconds(Math.Min(policy.MaxRetrySeconds, policy.FirstRetrySeconds * Math.Pow(2, Math.Max(0, Math.Min(failures, 30) - 1))));

    /// <summary>
    /// ORD-01 (seed 001 §2.1): an order that came by email is saved only once the specialist has
    /// checked the email's content with the customer (第一时间与客户确认核对邮件内容).
    /// </summary>
    public static bool EmailOrderMayBeSaved(bool contentConfirmedWithCustomer) => contentConfirmedWithCustomer;

    /// <summary>
    /// EXC-02: a complaint's clocks start when the customer's message was received, never later
    /// than now (a server clock ahead of ours must not push the deadline into the future).
    /// </summary>
    public static DateTimeOffset ClockStart(DateTimeOffset received, DateTimeOffset now) => received > now ? now : received;
}
