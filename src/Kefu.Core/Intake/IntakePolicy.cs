namespace Kefu.Core.Intake;

/// <summary>
/// The numbers of the email intake (issue 19 on ORD-01's email channel), as defaults an
/// administrator may change with the mailboxes (Settings → Mailboxes).
/// </summary>
public sealed record IntakePolicy
{
    public const string Key = "intake.policy";

    /// <summary>How often each mailbox is read, in seconds.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>A mailbox that failed is tried again after this many seconds, doubling with each failure in a row.</summary>
    public int FirstRetrySeconds { get; init; } = 60;

    /// <summary>The longest wait between two tries of a mailbox that keeps failing, in seconds.</summary>
    public int MaxRetrySeconds { get; init; } = 3600;

    /// <summary>A message larger than this (bytes, as the server reports it) is not downloaded: its headers become the intake item.</summary>
    public long MaxMessageBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>The body kept on an intake item, in characters; the rest is cut and the item says so.</summary>
    public int MaxBodyChars { get; init; } = 20_000;

    /// <summary>Messages taken from one mailbox in one run; the rest wait for the next run.</summary>
    public int MessagesPerRun { get; init; } = 50;
}
