using EmrMarket.Web;
using EmrMarket.Web.Auth;
using EmrMarket.Web.Compliance;
using EmrMarket.Web.Delivery;
using EmrMarket.Web.Components;
using EmrMarket.Web.Health;
using EmrMarket.Web.Infrastructure;
using EmrMarket.Web.Uploads;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEmrMarketWeb(builder.Configuration);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
// Pages get a friendly "not found"; APIs keep their status codes and problem details.
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapBlazorScript();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapAccountEndpoints();
app.MapUploadEndpoints();
app.MapDownloadEndpoints();
app.MapComplianceEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
