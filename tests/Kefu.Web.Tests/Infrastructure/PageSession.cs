using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like client for the pages: keeps cookies, does not follow redirects, and reads the
/// antiforgery token from a page the way a form post sends it back.
/// </summary>
public static partial class PageSession
{
    /// <summary>A client with a cookie jar; <paramref name="headers"/> go with every request (X-Forwarded-For…).</summary>
    public static HttpClient Create(KefuFactory app, IReadOnlyDictionary<string, string>? headers = null, string baseAddress = "http://localhost")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            client.DefaultRequestHeaders.Add(name, value);
        }

        return client;
    }

    /// <summary>The form token (<c>__RequestVerificationToken</c>) of the page at <paramref name="url"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string url)
    {
        using var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return FormToken(await page.Content.ReadAsStringAsync());
    }

    public static string FormToken(string html) =>
        TokenInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Posts the login form with its real antiforgery token; returns the answer (302 on success).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await FormTokenAsync(client, "/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync("/account/login", form);
    }

    /// <summary>A client signed in through the login page (the auth cookie in its jar).</summary>
    public static async Task<HttpClient> SignedInAsync(KefuFactory app, string userName, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = Create(app, headers);
        using var response = await PostLoginAsync(client, userName, KefuFactory.PasswordOf(userName));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""\s+type=""hidden""\s+value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
