using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Organization;

public sealed class OrgPathTests
{
    [Fact]
    public void ORG_01_Child_AppendsIdAndSlash()
    {
        Assert.Equal("/1/", OrgPath.Child(OrgPath.Root, 1));
        Assert.Equal("/1/4/", OrgPath.Child("/1/", 4));
        Assert.Equal("/1/4/12/", OrgPath.Child("/1/4/", 12));
    }

    [Theory]
    [InlineData("/1/4/9/", "/1/4/", true)]
    [InlineData("/1/4/", "/1/4/", true)]
    [InlineData("/1/4/", "/", true)]
    [InlineData("/1/40/", "/1/4/", false)]
    [InlineData("/1/", "/1/4/", false)]
    [InlineData("/2/4/", "/1/4/", false)]
    public void ORG_01_IsWithin_MatchesWholeSegmentsOnly(string path, string ancestor, bool expected) =>
        Assert.Equal(expected, OrgPath.IsWithin(path, ancestor));

    [Fact]
    public void ORG_01_Ids_ListsTheUnitsFromTheCompanyDown()
    {
        Assert.Equal([1, 4, 9], OrgPath.Ids("/1/4/9/"));
        Assert.Empty(OrgPath.Ids(OrgPath.Root));
    }

    [Fact]
    public void ORG_01_Ids_OfChild_EndWithTheChild() =>
        Assert.Equal(12, OrgPath.Ids(OrgPath.Child("/1/4/", 12))[^1]);
}
