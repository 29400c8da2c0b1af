using Microsoft.Playwright;

namespace Kefu.Browser.Tests.Pages;

/// <summary>Page object of /staff.</summary>
public sealed class StaffListPage(IPage page)
{
    public ILocator Table => page.GetByTestId("staff-table");

    public async Task<IDownload> ExportExcelAsync(string linkName) =>
        await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
}
