using Kefu.Core.Sla;

namespace Kefu.Core.Tests.Sla;

public sealed class SpokenSpanTests
{
    [Theory]
    [InlineData(0, SpanWords.Minutes, 0, 0)]
    [InlineData(12, SpanWords.Minutes, 12, 0)]
    [InlineData(59, SpanWords.Minutes, 59, 0)]
    [InlineData(60, SpanWords.Hours, 1, 0)]
    [InlineData(192, SpanWords.HoursMinutes, 3, 12)]
    [InlineData(1439, SpanWords.HoursMinutes, 23, 59)]
    [InlineData(1440, SpanWords.Days, 1, 0)]
    [InlineData(1440 + 300, SpanWords.DayHours, 1, 5)]
    [InlineData(2879, SpanWords.DayHours, 1, 23)]
    [InlineData(2880, SpanWords.Days, 2, 0)]
    [InlineData(4319, SpanWords.Days, 2, 0)]
    public void A_span_is_said_in_the_units_people_use(int minutes, SpanWords words, int first, int second)
    {
        Assert.Equal(new SpokenSpan(words, first, second), SpokenSpan.Of(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void An_overdue_span_is_said_by_its_size()
    {
        Assert.Equal(new SpokenSpan(SpanWords.Minutes, 12), SpokenSpan.Of(TimeSpan.FromMinutes(-12)));
    }
}
