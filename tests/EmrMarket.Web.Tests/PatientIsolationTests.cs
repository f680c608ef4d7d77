using System.Reflection;
using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests;

/// <summary>
/// A patient only ever sees their own data: no page or endpoint a patient may open names a patient, an account or a
/// wallet in its URL; every patient page reads the signed-in account instead, so changing the URL cannot show another's.
/// </summary>
public sealed class PatientIsolationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>Routes with a parameter a patient may open, and why they are safe: public ledger data, about no patient.</summary>
    private static readonly string[] PublicWithParameters = ["/chain/tx/{Hash}"];

    [Fact]
    public async Task Endpoints_SignedInPatientCanOpen_TakeNoIdInTheUrl()
    {
        var stack = await TestStack.GetAsync();
        await using var app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent/deployment.json");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var forPatients = endpoints.Where(e => RequiresSignIn(e) && PatientMayOpen(e)).ToList();
        var withParameters = forPatients.Where(e => e.RoutePattern.Parameters.Count > 0).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct();

        Assert.Contains(forPatients, e => e.RoutePattern.RawText == "/patient");
        Assert.Contains(forPatients, e => e.RoutePattern.RawText == "/patient/datasets");
        Assert.DoesNotContain(forPatients, e => e.RoutePattern.RawText == "/api/provider/uploads");
        Assert.Equal(PublicWithParameters, withParameters);
    }

    [Fact]
    public void PatientPages_TakeNoParameterFromTheUrlOrQuery()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any() && t.GetCustomAttributes<AuthorizeAttribute>().Any(a => Allows(a.Roles, Roles.Patient)))
            .ToList();

        Assert.Contains(pages, p => p.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == "/patient/datasets"));
        foreach (var page in pages.Where(p => p.GetCustomAttributes<RouteAttribute>().All(r => !PublicWithParameters.Contains(r.Template))))
        {
            Assert.All(page.GetCustomAttributes<RouteAttribute>(), r => Assert.DoesNotContain("{", r.Template));
            Assert.DoesNotContain(page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic),
                p => p.IsDefined(typeof(SupplyParameterFromQueryAttribute)) || p.IsDefined(typeof(SupplyParameterFromFormAttribute)) || p.IsDefined(typeof(ParameterAttribute)));
        }
    }

    private static bool RequiresSignIn(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any();

    // Every role requirement on the endpoint must let a patient through.
    private static bool PatientMayOpen(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => Allows(a.Roles, Roles.Patient))
        && endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>()
            .All(r => r.AllowedRoles.Contains(Roles.Patient));

    private static bool Allows(string? roles, string role) =>
        string.IsNullOrEmpty(roles) || roles.Split(',', StringSplitOptions.TrimEntries).Contains(role);
}
