using CrmPersonCentric.Application.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>Where the backend's report links lead: the settings as the host binds and checks them.</summary>
public sealed class ReportSettingsTests
{
    private static ReportOptions Bind(Dictionary<string, string?> settings)
    {
        using var provider = BackendServices.Compose(settings).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ReportOptions>>().Value;
    }

    [Fact]
    public void Links_lead_into_the_environment_the_backend_writes_to_unless_the_reports_name_another()
    {
        var defaults = Bind(new() { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com", ["Reports:AppId"] = "6f8c2d3e-0000-4000-8000-000000000001" });
        var own = Bind(new() { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com", ["Reports:EnvironmentUrl"] = "https://sales.crm4.dynamics.com", ["Reports:ReportUrl"] = "https://intranet.contoso.example/persona-reports" });

        Assert.Equal(new Uri("https://contoso.crm4.dynamics.com"), defaults.Links().Environment);
        Assert.Equal(Guid.Parse("6f8c2d3e-0000-4000-8000-000000000001"), defaults.Links().AppId);
        Assert.Null(defaults.Links().ReportUrl);
        Assert.Equal(new Uri("https://sales.crm4.dynamics.com"), own.Links().Environment);
        Assert.Equal(new Uri("https://intranet.contoso.example/persona-reports"), own.Links().ReportUrl);
    }

    [Theory]
    [InlineData("Reports:ReportUrl", "reports.contoso.example/persona", "Reports:ReportUrl")]
    [InlineData("Reports:ReportUrl", "http://reports.contoso.example/persona", "Reports:ReportUrl")]
    [InlineData("Reports:EnvironmentUrl", "contoso.crm.dynamics.com", "Reports:EnvironmentUrl")]
    public void A_link_setting_that_is_not_an_https_url_is_refused_naming_it(string setting, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm.dynamics.com", [setting] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
