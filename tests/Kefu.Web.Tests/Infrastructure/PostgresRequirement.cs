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
        PostgresRequirement.SkipReason is { } reason && PostgresRequirement.IsRequiredBy(testMethod)
            ? new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}

public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        PostgresRequirement.SkipReason is { } reason && PostgresRequirement.IsRequiredBy(testMethod)
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
