using System.IO.Compression;
using System.Text;
using NPOI.XSSF.UserModel;

/// <summary>The spreadsheets the import benchmarks upload.</summary>
internal static class ImportFiles
{
    /// <summary>
    /// N customers as a user would send them (every 50th row bad, every 100th a duplicate of the
    /// row above); <paramref name="run"/> keeps names and phones apart from earlier runs on the same database.
    /// </summary>
    public static byte[] Customers(int rows, string run)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        string[] header = ["客户名称", "等级", "电话", "统一社会信用代码", "省", "市", "区县", "地址", "行业", "销售渠道", "结算方式", "账期（天）"];
        var first = sheet.CreateRow(0);
        for (var c = 0; c < header.Length; c++)
        {
            first.CreateCell(c).SetCellValue(header[c]);
        }

        var prefix = (run.GetHashCode() & 0x3FF) % 1000;
        for (var r = 1; r <= rows; r++)
        {
            var row = sheet.CreateRow(r);
            var n = r % 100 == 0 ? r - 1 : r; // a duplicate of the row above
            string[] values =
            [
                $"压测客户{run}-{n:D6}有限公司", r % 50 == 0 ? "TOO-LONG-GRADE" : "ABC"[n % 3].ToString(), $"13{prefix:D3}{n:D6}", "",
                "上海", "上海", "浦东", $"张江路 {n} 号", "制造", "直销", n % 2 == 0 ? "Monthly" : "Cash", "30",
            ];
            for (var c = 0; c < values.Length; c++)
            {
                row.CreateCell(c).SetCellValue(values[c]);
            }
        }

        using var buffer = new MemoryStream();
        workbook.Write(buffer, leaveOpen: true);
        return buffer.ToArray();
    }

    /// <summary>
    /// A workbook whose one sheet unpacks to about <paramref name="megabytes"/> MB: a header, then
    /// rows of one huge repeated string, packed to about a thousandth of that (the 288 KB file).
    /// </summary>
    public static byte[] Bomb(int megabytes)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Add("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Add("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户名称</t></is></c></row>");
            var filler = new string('A', 1 << 20);
            for (var r = 2; r <= megabytes + 1; r++)
            {
                sheet.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>");
                sheet.Write(filler);
                sheet.Write("</t></is></c></row>");
            }

            sheet.Write("</sheetData></worksheet>");
        }

        return output.ToArray();
    }
}
