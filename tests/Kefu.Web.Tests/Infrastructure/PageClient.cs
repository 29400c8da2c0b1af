using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// A browser without a browser, for page handlers: signs in through the login page (the cookie),
/// reads a form's antiforgery token from the page and posts the form back, as a person's browser
/// would. Over https, so Secure cookies travel as they do in production.
/// </summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient _client;

    private PageClient(HttpClient client) => _client = client;

    /// <summary>The signed-in client itself, for answers a page gives without a body (redirects, files).</summary>
    public HttpClient Client => _client;

    public static async Task<PageClient> SignInAsync(KefuFactory app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var page = new PageClient(client);
        using var response = await page.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = KefuFactory.PasswordOf(userName),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {userName} through the login page: {(int)response.StatusCode}");
        return page;
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// GETs <paramref name="formPage"/> for its antiforgery token, then POSTs <paramref name="fields"/> to
    /// <paramref name="action"/>: URL-encoded, or multipart when a <paramref name="file"/> (field, name, bytes) goes with them.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IReadOnlyDictionary<string, string> fields,
        (string Field, string FileName, byte[] Bytes)? file = null) =>
        await PostFormAsync(formPage, action, fields, file is { } one ? [one] : []);

    /// <summary>As a browser posts a form with several files (a multiple file input): multipart whenever files go with the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IReadOnlyDictionary<string, string> fields,
        IReadOnlyList<(string Field, string FileName, byte[] Bytes)> files)
    {
        var (status, html) = await GetAsync(formPage);
        Assert.True(status == HttpStatusCode.OK, $"GET {formPage}: {(int)status}");
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formPage}");
        var form = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token.Groups[1].Value)).ToArray();
        if (files.Count == 0)
        {
            using var encoded = new FormUrlEncodedContent(form);
            return await _client.PostAsync(action, encoded);
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes) in files)
        {
            multipart.Add(new ByteArrayContent(bytes), field, fileName);
        }

        return await _client.PostAsync(action, multipart);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)""")]
    private static partial Regex AntiforgeryToken();
}
