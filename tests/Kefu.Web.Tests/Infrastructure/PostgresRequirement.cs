using Xunit.Abstractions;
using Xunit.Sdk;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// Tests that need PostgreSQL are skipped, saying why, when <c>PG_TEST_CONNECTION</c> is not set,
/// so a plain <c>dotnet test</c> works without a server; <c>scripts/test.sh</c> always sets it.
/// </summary>
public static class PostgresRequirement
{
    public static string? SkipReason => TestDatabase.PostgresServer is null
        ? $"PostgreSQL tests need {TestDatabase.PostgresVariable} (set by scripts/test.sh); it is not set."
        : null;

    /// <summary>
    /// A test class needs PostgreSQL when one of its class fixtures does (see <see cref="IRequiresPostgres"/>),
    /// e.g. <c>LoginTestsOnPostgres : LoginTests, IClassFixture&lt;PostgresApp&gt;</c>.
    /// </summary>
    internal static bool IsRequiredBy(ITestMethod testMethod)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        return type.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>) &&
            typeof(IRequiresPostgres).IsAssignableFrom(i.GenericTypeArguments[0]));
    }
}

/// <summary>Marks a fixture that runs against PostgreSQL.</summary>
public interface IRequiresPostgres;

/// <summary>Marks a fixture that reads mail from the test IMAP server (dovecot, started by scripts/test.sh).</summary>
public interface IRequiresImap;

/// <summary>The throwaway IMAP server of scripts/test.sh: IMAP_TEST_HOST, IMAP_TEST_PORT, IMAP_TEST_PASSWORD; users intake01..intake40.</summary>
public static class ImapRequirement
{
    private static int _nextUser;

    public static string Host => Environment.GetEnvironmentVariable("IMAP_TEST_HOST") ?? "127.0.0.1";

    public static int Port => int.Parse(Environment.GetEnvironmentVariable("IMAP_TEST_PORT") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Password => Environment.GetEnvironmentVariable("IMAP_TEST_PASSWORD") ?? "kefu-imap-test";

    /// <summary>A mailbox of its own for each fixture (so classes running in parallel never share one).</summary>
    public static string NextUser() => $"intake{(Interlocked.Increment(ref _nextUser) % 40) + 1:D2}";

    /// <summary>Skipped when the server is not there, as PostgreSQL is; on CI scripts/test.sh fails any run with a skipped test.</summary>
    public static string? SkipReason => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IMAP_TEST_PORT"))
        ? "Email intake tests need IMAP_TEST_PORT (dovecot, started by scripts/test.sh); it is not set."
        : null;

    internal static bool IsRequiredBy(ITestMethod testMethod) =>
        testMethod.TestClass.Class.ToRuntimeType().GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>) && typeof(IRequiresImap).IsAssignableFrom(i.GenericTypeArguments[0]));

    internal static string? ReasonFor(ITestMethod testMethod) =>
        PostgresRequirement.SkipReason is { } pg && PostgresRequirement.IsRequiredBy(testMethod) ? pg
        : SkipReason is { } imap && IsRequiredBy(testMethod) ? imap
        : null;
}

/// <summary>A fact that only runs when PostgreSQL is available.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresRequirement.SkipReason;
}

/// <summary>A theory that only runs when PostgreSQL is available.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresRequirement.SkipReason;
}

/// <summary>
/// A fact written once in an abstract test class and run by each provider's subclass; skipped in
/// the PostgreSQL subclass when PostgreSQL is not available.
/// </summary>
[XunitTestCaseDiscoverer("Kefu.Web.Tests.Infrastructure.ProviderFactDiscoverer", "Kefu.Web.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>The theory counterpart of <see cref="ProviderFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("Kefu.Web.Tests.Infrastructure.ProviderTheoryDiscoverer", "Kefu.Web.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderTheoryAttribute : TheoryAttribute;

public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ImapRequirement.ReasonFor(testMethod) is { } reason
            ? new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}

public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        ImapRequirement.ReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
