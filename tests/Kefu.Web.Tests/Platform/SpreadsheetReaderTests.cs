using System.Diagnostics;
using Kefu.Web.Platform.Import;
using static Kefu.Web.Tests.Infrastructure.XlsxFiles;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-05 uploads: the streaming reader's package check, row numbers and limits, without a host.</summary>
public sealed class SpreadsheetReaderTests
{
    private static readonly SpreadsheetLimits Small = new() { MaxRows = 5, MaxColumns = 4, MaxCellCharacters = 20 };

    private static async Task<(IReadOnlyList<string?> Header, List<SheetRow> Rows)> ReadAsync(byte[] file, SpreadsheetLimits? limits = null, int columns = 4)
    {
        var reader = await SpreadsheetReader.OpenAsync(new MemoryStream(file), limits ?? Small, CancellationToken.None);
        return (reader.Header(), reader.Rows(columns).ToList());
    }

    private static async Task<string> RefusalAsync(byte[] file, SpreadsheetLimits? limits = null)
    {
        var refused = await Assert.ThrowsAsync<SpreadsheetRefusedException>(() => ReadAsync(file, limits));
        return refused.Problem.Key;
    }

    [Fact]
    public async Task PLT_05_rows_keep_their_sheet_numbers_across_gaps_and_cells_read_as_typed()
    {
        var file = Package(
            $"<row r=\"1\">{Cell("A1", "客户名称")}{Cell("B1", "电话")}{Cell("C1", "账期（天）")}</row>"
            + $"<row r=\"2\">{Cell("A2", "甲")}<c r=\"B2\"><v>13800138000</v></c><c r=\"C2\"><v>30</v></c></row>"
            + "<row r=\"3\" s=\"1\"/>"                                                   // formatted but empty
            + $"<row r=\"5\"><c r=\"C5\"><v>0.5</v></c>{Cell("F5", "ignored column")}</row>",
            dimension: "A1:F5");

        var (header, rows) = await ReadAsync(file, columns: 3);

        Assert.Equal(["客户名称", "电话", "账期（天）"], header);
        Assert.Equal([2, 5], rows.Select(r => r.Number));
        Assert.Equal(["甲", "13800138000", "30"], rows[0].Cells);
        Assert.Equal([null, null, "0.5"], rows[1].Cells);
    }

    [Fact]
    public async Task PLT_05_an_ordinary_workbook_reads_with_shared_strings()
    {
        var file = Workbook(["客户名称", "电话"], ["上海甲公司", "021-5555 1234"], [null, null], ["乙", null]);

        var (header, rows) = await ReadAsync(file, columns: 2);

        Assert.Equal(["客户名称", "电话"], header);
        Assert.Equal([(2, "上海甲公司"), (4, "乙")], rows.Select(r => (r.Number, r.Cells[0]!)));
    }

    [Fact]
    public async Task PLT_05_a_filled_row_beyond_the_limit_refuses_the_sheet_even_after_empty_rows_and_a_lying_dimension()
    {
        var rows = string.Concat(Enumerable.Range(2, 3).Select(r => $"<row r=\"{r}\">{Cell($"A{r}", $"客户{r}")}</row>"));
        var exactlyFive = Package($"<row r=\"1\">{Cell("A1", "客户名称")}</row>{rows}<row r=\"6\">{Cell("A6", "x")}</row>", dimension: "A1:A2");
        Assert.Equal(4, (await ReadAsync(exactlyFive, columns: 1)).Rows.Count);

        var farBelow = Package($"<row r=\"1\">{Cell("A1", "客户名称")}</row>{rows}<row r=\"40\">{Cell("A40", "漏掉的客户")}</row>", dimension: "A1:A2");
        Assert.Equal("Import.TooManyRows", await RefusalAsync(farBelow));

        // Formatting below the data is not data.
        var formattedBelow = Package($"<row r=\"1\">{Cell("A1", "客户名称")}</row>{rows}<row r=\"40\" s=\"2\"><c r=\"A40\"/></row>");
        Assert.Equal(3, (await ReadAsync(formattedBelow, columns: 1)).Rows.Count);
    }

    [Fact]
    public async Task PLT_05_the_last_row_of_the_sheet_with_a_huge_dimension_is_refused_without_filling_a_million_rows()
    {
        var file = Package($"<row r=\"1\">{Cell("A1", "客户名称")}</row><row r=\"1048576\">{Cell("A1048576", "x")}</row>", dimension: "A1:XFD1048576");
        var watch = Stopwatch.StartNew();

        Assert.Equal("Import.TooManyRows", await RefusalAsync(file, new SpreadsheetLimits()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task PLT_05_columns_and_cell_lengths_are_limited()
    {
        var wide = Package($"<row r=\"1\">{string.Concat(Enumerable.Range(0, 5).Select(c => Cell($"{(char)('A' + c)}1", $"列{c}")))}</row>");
        Assert.Equal("Import.TooManyColumns", await RefusalAsync(wide));

        var longCell = Package($"<row r=\"1\">{Cell("A1", "客户名称")}</row><row r=\"2\">{Cell("A2", new string('长', 21))}</row>");
        Assert.Equal("Import.CellTooLong", await RefusalAsync(longCell));
    }

    [Fact]
    public async Task PLT_05_a_zip_bomb_is_refused_from_its_directory_before_any_xml_is_read()
    {
        var bomb = Bomb(megabytes: 300);
        var watch = Stopwatch.StartNew();

        Assert.Equal("Import.CompressionRatio", await RefusalAsync(bomb, new SpreadsheetLimits()));
        Assert.Equal("Import.UnpackedTooLarge", await RefusalAsync(bomb, new SpreadsheetLimits { MaxCompressionRatio = 10_000 }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task PLT_05_a_bomb_that_understates_its_size_is_cut_at_the_declared_size_and_refused_as_unreadable()
    {
        var liar = WithDeclaredSheetSize(Bomb(megabytes: 300), declared: 4096);
        var watch = Stopwatch.StartNew();

        Assert.Equal("Import.NotExcel", await RefusalAsync(liar, new SpreadsheetLimits()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("short")]
    [InlineData("zip")]
    [InlineData("broken-xml")]
    [InlineData("empty")]
    public async Task PLT_05_anything_but_a_readable_workbook_is_refused_as_not_excel(string kind)
    {
        var file = kind switch
        {
            "text" => "客户名称,电话\n甲,13800138000\n"u8.ToArray(),
            "short" => "not excel"u8.ToArray(),
            "zip" => ZipWithoutWorkbook(),
            "broken-xml" => Package("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户名称</t></is></c></row><row"),
            _ => [],
        };

        Assert.Equal("Import.NotExcel", await RefusalAsync(file));
    }

    [Fact]
    public async Task PLT_05_too_many_parts_or_too_big_a_file_are_refused()
    {
        Assert.Equal("Import.TooManyParts", await RefusalAsync(Workbook(["客户名称"]), new SpreadsheetLimits { MaxEntries = 3 }));
        Assert.Equal("Import.FileTooLarge", await RefusalAsync(Workbook(["客户名称"]), new SpreadsheetLimits { MaxFileBytes = 100 }));
    }
}
