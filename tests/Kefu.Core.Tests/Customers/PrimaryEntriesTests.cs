using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public sealed class PrimaryEntriesTests
{
    private static PrimaryEntry[] Entries(params (int Id, bool Primary)[] entries) => entries.Select(e => new PrimaryEntry(e.Id, e.Primary)).ToArray();

    private static int[] Primaries(IEnumerable<PrimaryEntry> entries) => entries.Where(e => e.IsPrimary).Select(e => e.Id).ToArray();

    [Fact]
    public void CUS_01_the_first_contact_or_address_is_the_primary_and_a_later_one_only_when_asked()
    {
        Assert.True(PrimaryEntries.OnAdd(0, null));
        Assert.True(PrimaryEntries.OnAdd(0, false));
        Assert.False(PrimaryEntries.OnAdd(2, null));
        Assert.True(PrimaryEntries.OnAdd(2, true));
    }

    [Fact]
    public void CUS_01_making_one_primary_moves_the_mark_so_there_is_exactly_one()
    {
        var after = PrimaryEntries.MakePrimary(Entries((1, true), (2, false), (3, false)), 3);
        Assert.Equal([3], Primaries(after));
        Assert.Equal(3, after.Count);

        // An id that is not among them changes nothing.
        Assert.Equal([1], Primaries(PrimaryEntries.MakePrimary(Entries((1, true), (2, false)), 9)));
    }

    [Fact]
    public void CUS_01_the_primary_is_not_unmarked_by_itself_and_another_is_marked_by_an_edit()
    {
        Assert.Equal((true, PrimaryRefusal.CannotUnsetPrimary), PrimaryEntries.OnEdit(true, false));
        Assert.Equal((true, (PrimaryRefusal?)null), PrimaryEntries.OnEdit(true, null));
        Assert.Equal((true, (PrimaryRefusal?)null), PrimaryEntries.OnEdit(false, true));
        Assert.Equal((false, (PrimaryRefusal?)null), PrimaryEntries.OnEdit(false, null));
        Assert.Equal((false, (PrimaryRefusal?)null), PrimaryEntries.OnEdit(false, false));
    }

    [Fact]
    public void CUS_01_removing_the_primary_hands_the_mark_to_the_oldest_that_remains()
    {
        Assert.Equal([2], Primaries(PrimaryEntries.Remove(Entries((5, false), (1, true), (2, false)), 1)));
        Assert.Equal([1], Primaries(PrimaryEntries.Remove(Entries((1, true), (2, false)), 2)));
        Assert.Empty(PrimaryEntries.Remove(Entries((1, true)), 1));
    }

    [Fact]
    public void CUS_01_normalize_keeps_one_primary_however_the_entries_came()
    {
        Assert.Equal([1], Primaries(PrimaryEntries.Normalize(Entries((2, false), (1, false)))));
        Assert.Equal([2], Primaries(PrimaryEntries.Normalize(Entries((3, true), (2, true), (1, false)))));
        Assert.Equal([3], Primaries(PrimaryEntries.Normalize(Entries((3, true), (1, false)))));
        Assert.Empty(PrimaryEntries.Normalize([]));
    }
}
