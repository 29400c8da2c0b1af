using System.Net.Http.Json;
using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Issue 16's flow: the coordinator registers a sales confirmation and records its invoice on the
/// forms, finance records a part payment against it, and the aging page's table and chart show what
/// is left.
/// </summary>
public sealed class ReceivablesFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task AR_01_06_08_the_coordinator_registers_and_invoices_a_sale_finance_records_a_payment_and_the_aging_page_follows()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var customer = "账龄流程客户" + suffix;
        using (var api = await PageChecks.ApiAsync(fixture.BaseUrl, "sh.cs"))
        {
            using var created = await api.PostAsJsonAsync("/api/customers", new { name = customer, confirmDuplicate = true });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await using var coordinatorContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var coordinator = await PageChecks.SignInAsync(coordinatorContext, fixture.BaseUrl, "sh.coord");
        await coordinator.GotoAsync(fixture.BaseUrl + "/receivables/ledger");
        await coordinator.GetByTestId("new-confirmation").ClickAsync();
        var number = "SC-B" + suffix;
        var form = coordinator.GetByTestId("confirmation-form");
        await form.GetByLabel("确认书编号").FillAsync(number);
        await form.GetByLabel("客户", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = customer });
        await form.GetByLabel("销售技术员").SelectOptionAsync(new SelectOptionValue { Label = "沈工程师一" });
        await form.GetByLabel("销售内容").FillAsync("激光打印机 1 台");
        await form.GetByLabel("金额（元）").FillAsync("800.50");
        await coordinator.GetByTestId("confirmation-save").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("notice")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByTestId("ledger-table")).ToContainTextAsync(number);

        await coordinator.GotoAsync(fixture.BaseUrl + "/receivables/invoices/new");
        await coordinator.Locator("#customerId").SelectOptionAsync(new SelectOptionValue { Label = customer });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "显示该客户的确认书" }).ClickAsync();
        var invoice = coordinator.GetByTestId("invoice-form");
        await invoice.GetByLabel("对应的销售确认书").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await invoice.GetByLabel("发票号").FillAsync("FP-B" + suffix);
        await invoice.GetByLabel("金额（元）").FillAsync("800.50");
        await invoice.GetByLabel("零售", new() { Exact = false }).CheckAsync();
        await coordinator.GetByTestId("invoice-save").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("notice")).ToBeVisibleAsync();

        // Finance: the whole invoice is unpaid in the first bucket, then a part payment leaves 500.25.
        await using var financeContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var finance = await PageChecks.SignInAsync(financeContext, fixture.BaseUrl, "finance");
        await finance.GotoAsync(fixture.BaseUrl + "/receivables/aging");
        await Assertions.Expect(finance.GetByTestId("aging-table").Locator("tr", new() { HasText = customer })).ToContainTextAsync("¥800.50");

        await finance.GotoAsync(fixture.BaseUrl + "/receivables/payments");
        await finance.GetByTestId("new-payment").ClickAsync();
        await finance.Locator("#customerId").SelectOptionAsync(new SelectOptionValue { Label = customer });
        await finance.GetByRole(AriaRole.Button, new() { Name = "显示该客户的未结发票" }).ClickAsync();
        await Assertions.Expect(finance.GetByTestId("open-invoices")).ToContainTextAsync("FP-B" + suffix);
        var payment = finance.GetByTestId("payment-form");
        await payment.GetByLabel("金额（元）", new() { Exact = true }).FillAsync("300.25");
        await payment.GetByLabel("方式", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "支票" });
        await payment.GetByLabel("核销到发票 FP-B" + suffix + " 的金额").FillAsync("300.25");
        await finance.GetByTestId("payment-save").ClickAsync();
        await Assertions.Expect(finance.GetByTestId("notice")).ToContainTextAsync("回款已登记");
        await Assertions.Expect(finance.GetByTestId("allocations")).ToContainTextAsync("¥300.25");

        await finance.GotoAsync(fixture.BaseUrl + "/receivables/aging");
        await Assertions.Expect(finance.GetByTestId("aging-table").Locator("tr", new() { HasText = customer })).ToContainTextAsync("¥500.25");
        await Assertions.Expect(finance.GetByTestId("aging-chart")).ToHaveAttributeAsync("data-finished", "1");
        await finance.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "receivables-aging.png"), FullPage = true });

        // The dashboard's receivables card counts it among the unpaid.
        await finance.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(finance.Locator("[data-widget='receivables']")).ToBeVisibleAsync();
    }
}
