using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Issue 13's flow in two browsers: the coordinator dispatches from the live board on a desktop, the
/// technician runs the job on a phone from set out to the customer's signature, and each sees the
/// other's steps without reloading (SignalR); the finished job feeds the callback list.
/// </summary>
public sealed class FieldFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task FLD_06_a_coordinator_dispatches_live_and_the_technician_runs_the_job_on_a_phone_to_the_signature()
    {
        var problem = "浏览器测试：前台打印机卡纸 " + Guid.NewGuid().ToString("N")[..8];

        await using var coordinatorContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        var board = await PageChecks.SignInAsync(coordinatorContext, fixture.BaseUrl, "sh.coord");
        await board.GotoAsync(fixture.BaseUrl + "/field/board");
        await Assertions.Expect(board.Locator("html")).ToHaveAttributeAsync("data-live", "1");

        // The technician's phone: position granted, standing at the customer's site.
        await using var phoneContext = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
            Permissions = ["geolocation"], Geolocation = new() { Latitude = 31.2304f, Longitude = 121.4737f },
        });
        var phone = await PageChecks.SignInAsync(phoneContext, fixture.BaseUrl, "sh.eng1");
        await phone.GotoAsync(fixture.BaseUrl + "/field/jobs");
        await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("data-live", "1");
        await Assertions.Expect(phone.GetByTestId("job-list")).Not.ToContainTextAsync(problem);

        // The coordinator records the call in a second tab; the board stays open.
        var form = await coordinatorContext.NewPageAsync();
        await form.GotoAsync(fixture.BaseUrl + "/field/jobs/new");
        await form.GetByLabel("服务方式").SelectOptionAsync("Mobile");
        await form.Locator("#CustomerName").FillAsync("上海浦江物流有限公司");
        await form.GetByLabel("故障描述").FillAsync(problem);
        await form.GetByLabel("纬度").FillAsync("31.2304");
        await form.GetByLabel("经度").FillAsync("121.4737");
        await form.GetByTestId("job-save").ClickAsync();
        await Assertions.Expect(form.GetByTestId("job-state")).ToHaveTextAsync("待派工");
        var number = (await form.Locator("h1.page-title").InnerTextAsync()).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        var boardRow = board.Locator($"[data-testid=board-jobs] li[data-job='{number}']");
        await Assertions.Expect(boardRow).ToContainTextAsync("待派工");

        // Assigned from the job page to sh.eng1 (the suggestion names skill, distance and load).
        var engineer = form.GetByTestId("assign-card").Locator("label", new() { HasText = "沈工程师一" });
        await engineer.Locator("input[type=radio]").CheckAsync();
        await form.GetByTestId("job-assign").ClickAsync();
        await Assertions.Expect(form.GetByTestId("job-technician")).ToHaveTextAsync("沈工程师一");

        // Both the board and the phone list show it without a reload.
        await Assertions.Expect(boardRow).ToContainTextAsync("沈工程师一");
        var phoneRow = phone.Locator($"[data-testid=job-list] li[data-job='{number}']");
        await Assertions.Expect(phoneRow).ToContainTextAsync(problem);
        await phoneRow.Locator("a").TapAsync();
        await Assertions.Expect(phone.GetByTestId("job-state")).ToHaveTextAsync("已派工");

        await phone.GetByTestId("job-setout").TapAsync();
        await Assertions.Expect(phone.GetByTestId("job-state")).ToHaveTextAsync("已出发");
        await Assertions.Expect(boardRow).ToContainTextAsync("已出发");
        await phone.GetByTestId("job-arrive").TapAsync();
        await Assertions.Expect(phone.GetByTestId("job-state")).ToHaveTextAsync("已到场");
        await Assertions.Expect(boardRow).ToContainTextAsync("已到场");
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "field-board.png"), FullPage = true });

        await phone.GetByLabel("处理情况").FillAsync("清理搓纸轮并调整进纸导轨，打印测试页正常");
        await phone.GetByLabel("问题类别").SelectOptionAsync("Hardware");
        await phone.GetByTestId("job-finish").TapAsync();
        await Assertions.Expect(phone.GetByTestId("job-state")).ToHaveTextAsync("已完工");
        await Assertions.Expect(phone.GetByTestId("charge-card")).ToBeVisibleAsync();

        // A photo from the camera, then the customer's signature drawn on the screen.
        await phone.GetByLabel("拍照或选择照片").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png(48, 32) });
        await phone.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).TapAsync();
        await Assertions.Expect(phone.Locator("img[src*='handler=File']")).ToHaveCountAsync(1);

        var pad = phone.Locator("canvas[data-signature-for]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await phone.Mouse.MoveAsync(box.X + 20, box.Y + box.Height * 0.7f);
        await phone.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (0.2f, 0.3f), (0.35f, 0.75f), (0.5f, 0.25f), (0.65f, 0.7f), (0.85f, 0.35f) })
        {
            await phone.Mouse.MoveAsync(box.X + box.Width * x, box.Y + box.Height * y, new() { Steps = 5 });
        }

        await phone.Mouse.UpAsync();
        await Assertions.Expect(phone.Locator("#Signature")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        await phone.GetByLabel("签字人").FillAsync("王先生");
        await phone.GetByTestId("job-sign").TapAsync();
        await Assertions.Expect(phone.GetByTestId("job-state")).ToHaveTextAsync("客户已签字");
        await Assertions.Expect(phone.GetByTestId("job-history")).ToContainTextAsync("王先生");
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 390));
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "field-job-phone.png"), FullPage = true });

        // The signed job has left the open jobs on the board, live; its callback waits on the list.
        await Assertions.Expect(boardRow).ToHaveCountAsync(0);
        await form.GotoAsync(fixture.BaseUrl + "/callbacks?sort=completed&dir=desc");
        await Assertions.Expect(form.Locator("table tr", new() { HasText = number })).ToContainTextAsync("沈工程师一");
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A small solid PNG made here (what the upload sniffs is the signature), not a file from disk.</summary>
    private static byte[] Png(int width, int height)
    {
        static void Chunk(BinaryWriter w, string type, byte[] data)
        {
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(data.Length));
            w.Write(typeBytes);
            w.Write(data);
            w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Crc32([.. typeBytes, .. data])));
        }

        var raw = new byte[(width * 3 + 1) * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * (width * 3 + 1) + 1 + x * 3;
                (raw[i], raw[i + 1], raw[i + 2]) = ((byte)(40 + x * 4), (byte)(90 + y * 4), 200);
            }
        }

        using var deflated = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(deflated, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        using var png = new MemoryStream();
        using (var w = new BinaryWriter(png, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            w.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            var header = new byte[13];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            (header[8], header[9]) = (8, 2);
            Chunk(w, "IHDR", header);
            Chunk(w, "IDAT", deflated.ToArray());
            Chunk(w, "IEND", []);
        }

        return png.ToArray();
    }
}
