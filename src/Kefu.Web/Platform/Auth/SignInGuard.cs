using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kefu.Web.Data;
using Kefu.Web.Platform.Observability;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// The sign-in limits (section <c>Kefu:SignIn</c>). Only failed attempts count: a successful sign-in
/// or a view of the login page never uses anything up, so an office behind one address can sign in
/// all at once.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Kefu:SignIn";

    /// <summary>Failed sign-ins from one client address in a minute, whatever the names; then 429.</summary>
    [Range(1, 1_000_000)]
    public int FailuresPerAddressPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins of one account from one address within <see cref="LockoutMinutes"/>: the account is then locked for that address only.</summary>
    [Range(1, 1_000_000)]
    public int FailuresPerAccountAtAddress { get; set; } = 5;

    /// <summary>Failed sign-ins of one account from all addresses within <see cref="LockoutMinutes"/>: the account is then locked everywhere.</summary>
    [Range(1, 1_000_000)]
    public int FailuresPerAccount { get; set; } = 20;

    /// <summary>How long a failure counts towards a lock, and so how long a lock lasts at most.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;
}

public enum SignInOutcome
{
    Succeeded,
    Failed,

    /// <summary>Too many failures (from the address, or for the account): the password was not even checked.</summary>
    Limited,
}

/// <summary>The result of a password check; <see cref="RetryAfter"/> is set when <see cref="SignInOutcome.Limited"/>.</summary>
public sealed record SignInAttempt(SignInOutcome Outcome, KefuUser? User, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for the Retry-After header, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>Whole minutes for a person to wait, at least 1.</summary>
    public int RetryAfterMinutes => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalMinutes));
}

/// <summary>A password hash of a random secret, to check wrong names against at the same cost as a real account's.</summary>
public sealed class DummyPasswordHash
{
    private string? _hash;

    public string Get(IPasswordHasher<KefuUser> hasher) =>
        _hash ??= hasher.HashPassword(new KefuUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}

/// <summary>
/// Password sign-in for the login page and <c>POST /api/auth/token</c> alike: limits failed attempts
/// per client address and per account, and answers a wrong name exactly as it answers a wrong
/// password (same work, same time, same counting), so names cannot be told apart from outside.
/// Lockout is keyed by account and address first: a stranger's failures lock the account for the
/// stranger's address, and everywhere only at a higher count, for <see cref="SignInLimitOptions.LockoutMinutes"/>.
/// Counters live in the database, so every node of a cluster sees the same ones.
/// </summary>
public sealed class SignInGuard(
    KefuDbContext db,
    SignInManager<KefuUser> signIn,
    IPasswordHasher<KefuUser> hasher,
    DummyPasswordHash dummy,
    IOptionsMonitor<SignInLimitOptions> options,
    TimeProvider clock,
    KefuMetrics metrics,
    ILogger<SignInGuard> logger)
{
    private static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);

    public async Task<SignInAttempt> CheckPasswordAsync(string userName, string password, IPAddress? clientAddress, string channel, CancellationToken ct = default)
    {
        var limits = options.CurrentValue;
        var lockWindow = TimeSpan.FromMinutes(limits.LockoutMinutes);
        var now = clock.GetUtcNow().UtcDateTime;
        var name = userName.Trim();
        var account = AccountKey(signIn.UserManager.NormalizeName(name));
        var address = AddressKey(clientAddress);

        var addressSince = now - AddressWindow;
        var accountSince = now - lockWindow;
        var fromAddress = await db.SignInFailures.AsNoTracking()
            .Where(f => f.Address == address && f.At > addressSince)
            .Select(f => f.At).ToListAsync(ct);
        var ofAccount = await db.SignInFailures.AsNoTracking()
            .Where(f => f.AccountKey == account && f.At > accountSince)
            .Select(f => new { f.At, f.Address }).ToListAsync(ct);
        var ofAccountHere = ofAccount.Where(f => f.Address == address).Select(f => f.At).ToList();

        var until = Max(
            FreeAt(fromAddress, limits.FailuresPerAddressPerMinute, AddressWindow),
            FreeAt(ofAccountHere, limits.FailuresPerAccountAtAddress, lockWindow),
            FreeAt(ofAccount.Select(f => f.At).ToList(), limits.FailuresPerAccount, lockWindow));
        if (until is { } free)
        {
            logger.LogWarning("Sign-in refused: too many failures (address {Address}, channel {Channel}).", address, channel);
            metrics.SignInFailed(channel, "limited");
            return new SignInAttempt(SignInOutcome.Limited, null, free - now);
        }

        var user = await signIn.UserManager.FindByNameAsync(name);
        var known = user is not null && user.Status != Kefu.Core.Organization.StaffStatus.Left;
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (known)
        {
            // Kefu's own counters do the locking; Identity's lockout is honoured when an account has one.
            result = await signIn.CheckPasswordSignInAsync(user!, password, lockoutOnFailure: false);
        }
        else
        {
            // The same work as a wrong password, so the answer's timing does not tell names apart.
            hasher.VerifyHashedPassword(new KefuUser(), dummy.Get(hasher), password);
        }

        if (result.Succeeded)
        {
            // The owner's own slips from here are forgiven; others' failures still count towards the lock.
            await db.SignInFailures.Where(f => f.AccountKey == account && f.Address == address).ExecuteDeleteAsync(ct);
            db.AddSignInEvent("Login", user, channel);
            await db.SaveChangesAsync(ct);
            return new SignInAttempt(SignInOutcome.Succeeded, user, TimeSpan.Zero);
        }

        if (result.IsLockedOut && await signIn.UserManager.GetLockoutEndDateAsync(user!) is { } end && end.UtcDateTime > now)
        {
            metrics.SignInFailed(channel, "limited");
            return new SignInAttempt(SignInOutcome.Limited, null, end.UtcDateTime - now);
        }

        db.SignInFailures.Add(new SignInFailure { AccountKey = account, Address = address, At = now });
        // The failure that starts a lock or the address limit is marked so, once, in the audit log.
        var action = ofAccountHere.Count + 1 == limits.FailuresPerAccountAtAddress || ofAccount.Count + 1 == limits.FailuresPerAccount ? "LoginLockedOut"
            : fromAddress.Count + 1 == limits.FailuresPerAddressPerMinute ? "LoginAddressLimited"
            : "LoginFailed";
        db.AddSignInEvent(action, known ? user : null, channel);
        await db.SaveChangesAsync(ct);
        metrics.SignInFailed(channel, "failed");
        // Counters older than every window are of no use any more.
        var expired = addressSince < accountSince ? addressSince : accountSince;
        await db.SignInFailures.Where(f => f.At < expired).ExecuteDeleteAsync(ct);
        return new SignInAttempt(SignInOutcome.Failed, null, TimeSpan.Zero);
    }

    /// <summary>When the oldest failure that keeps the count at the limit leaves the window; null when under the limit.</summary>
    private static DateTime? FreeAt(List<DateTime> failures, int limit, TimeSpan window)
    {
        if (failures.Count < limit)
        {
            return null;
        }

        failures.Sort();
        return failures[failures.Count - limit] + window;
    }

    private static DateTime? Max(params DateTime?[] values) => values.Where(v => v is not null).Max();

    /// <summary>A hash of the normalised name: the same for a real account and an unknown name, never the name itself.</summary>
    public static string AccountKey(string? normalizedName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("kefu-sign-in:" + normalizedName)));

    /// <summary>The client address as counted: IPv4 as is, IPv6 by its /64 network (one host usually holds the whole /64).</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
