using Kefu.Core.Intake;

namespace Kefu.Core.Tests.Intake;

public sealed class IntakeRulesTests
{
    [Fact]
    public void Thread_candidates_put_the_answered_message_first_then_references_nearest_first_without_brackets_or_duplicates() =>
        Assert.Equal(["c@x", "b@x", "a@x"], MailThreading.CandidateIds("<c@x>", ["<a@x>", "<b@x>", "<c@x>"]));

    [Fact]
    public void Thread_candidates_ignore_empty_and_overlong_ids()
    {
        Assert.Empty(MailThreading.CandidateIds(null, null));
        Assert.Empty(MailThreading.CandidateIds("  ", [$"<{new string('a', 300)}@x>"]));
    }

    [Theory]
    [InlineData("Re: 投诉 [I000123]", "Incident", "I000123")]
    [InlineData("关于工作单 wo000045 的问题", "Order", "WO000045")]
    public void A_record_number_in_the_subject_names_its_record(string subject, string record, string number)
    {
        var found = Assert.Single(MailThreading.NumbersIn(subject));
        Assert.Equal(record, found.Record.ToString());
        Assert.Equal(number, found.Number);
    }

    [Fact]
    public void A_number_inside_a_longer_word_is_not_a_record_number() => Assert.Empty(MailThreading.NumbersIn("XI000123 and I000123Z"));

    [Fact]
    public void A_reply_subject_carries_the_record_number_once() =>
        Assert.Equal("Re: 货物破损 [I000007]", MailThreading.ReplySubject(MailThreading.ReplySubject("货物破损", "I000007"), "I000007"));

    [Fact]
    public void The_sender_matches_the_one_customer_whose_contact_has_the_address_whatever_the_case()
    {
        ContactAddress[] contacts = [new(1, "Wang@Example.com"), new(2, "li@example.com")];
        Assert.Equal(1, SenderMatching.Match(" wang@example.COM ", contacts).CustomerId);
        Assert.Equal(SenderMatch.Unknown, SenderMatching.Match("zhao@example.com", contacts));
        Assert.Equal(SenderMatch.Unknown, SenderMatching.Match("not an address", contacts));
    }

    [Fact]
    public void An_address_two_customers_share_matches_neither()
    {
        var match = SenderMatching.Match("desk@example.com", [new(1, "desk@example.com"), new(2, "DESK@example.com")]);
        Assert.Null(match.CustomerId);
        Assert.True(match.Ambiguous);
    }

    [Fact]
    public void A_message_over_the_size_limit_is_kept_by_its_headers_and_a_long_body_is_cut()
    {
        var policy = new IntakePolicy { MaxMessageBytes = 1000, MaxBodyChars = 1000 };
        Assert.Equal(MessageFit.Whole, IntakeLimits.Fit(1000, policy));
        Assert.Equal(MessageFit.HeadersOnly, IntakeLimits.Fit(1001, policy));
        var (body, cut) = IntakeLimits.Body(new string('字', 1500), policy);
        Assert.Equal(1000, body.Length);
        Assert.True(cut);
    }

    [Fact]
    public void A_failing_mailbox_waits_twice_as_long_each_time_up_to_the_cap()
    {
        var policy = new IntakePolicy { FirstRetrySeconds = 60, MaxRetrySeconds = 600 };
        Assert.Equal([60, 120, 240, 480, 600, 600], new[] { 1, 2, 3, 4, 5, 40 }.Select(f => IntakeLimits.RetryAfter(f, policy).TotalSeconds).ToArray());
    }

    [Fact]
    public void ORD_01_an_email_order_needs_its_content_confirmed_with_the_customer()
    {
        Assert.False(IntakeLimits.EmailOrderMayBeSaved(false));
        Assert.True(IntakeLimits.EmailOrderMayBeSaved(true));
    }

    [Fact]
    public void EXC_02_the_clocks_start_at_the_received_time_never_in_the_future()
    {
        var now = new DateTimeOffset(2026, 9, 28, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddMinutes(-7), IntakeLimits.ClockStart(now.AddMinutes(-7), now));
        Assert.Equal(now, IntakeLimits.ClockStart(now.AddMinutes(3), now));
    }
}
