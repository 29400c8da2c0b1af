using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Organization;

public sealed class ScopeViewerTests
{
    // Company /1/, branch East /1/2/ with centres Shanghai /1/2/3/ and Hangzhou /1/2/4/, branch North /1/5/ with Beijing /1/5/6/.
    private const string Shanghai = "/1/2/3/";
    private const string Hangzhou = "/1/2/4/";
    private const string Beijing = "/1/5/6/";

    private static ScopeViewer Viewer(DataScope scope) => new("me", scope, Shanghai, "/1/2/");

    [Fact]
    public void ORG_03_VisiblePath_FollowsScope()
    {
        Assert.Null(Viewer(DataScope.Own).VisiblePath);
        Assert.Equal(Shanghai, Viewer(DataScope.Centre).VisiblePath);
        Assert.Equal("/1/2/", Viewer(DataScope.Branch).VisiblePath);
        Assert.Equal(OrgPath.Root, Viewer(DataScope.Company).VisiblePath);
    }

    [Theory]
    [InlineData(DataScope.Centre, Shanghai, true)]
    [InlineData(DataScope.Centre, Shanghai + "9/", true)]
    [InlineData(DataScope.Centre, Hangzhou, false)]
    [InlineData(DataScope.Centre, "/1/2/", false)]
    [InlineData(DataScope.Branch, Hangzhou, true)]
    [InlineData(DataScope.Branch, Beijing, false)]
    [InlineData(DataScope.Company, Beijing, true)]
    [InlineData(DataScope.Company, "/1/", true)]
    [InlineData(DataScope.Own, Shanghai, false)]
    public void ORG_03_CanSee_SomeoneElsesRecord_OnlyInsideTheVisibleSubtree(DataScope scope, string recordPath, bool expected) =>
        Assert.Equal(expected, Viewer(scope).CanSee("someone-else", recordPath));

    [Theory]
    [InlineData(DataScope.Own)]
    [InlineData(DataScope.Centre)]
    [InlineData(DataScope.Branch)]
    public void ORG_03_CanSee_OwnRecord_EvenOutsideTheScope(DataScope scope) =>
        Assert.True(Viewer(scope).CanSee("me", Beijing));

    [Fact]
    public void ORG_03_CanSee_RecordWithoutOwner_NeedsTheSubtree()
    {
        Assert.False(Viewer(DataScope.Own).CanSee(null, Shanghai));
        Assert.True(Viewer(DataScope.Centre).CanSee(null, Shanghai));
    }

    [Fact]
    public void ORG_03_CanSee_CentreWhoseIdStartsTheSame_IsNotInside()
    {
        // Centre 3 must not see centre 30: paths end with '/' so a prefix match cannot cross units.
        var viewer = new ScopeViewer("me", DataScope.Centre, "/1/2/3/", "/1/2/");

        Assert.False(viewer.CanSee("x", "/1/2/30/"));
    }
}
