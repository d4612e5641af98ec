using AutoMapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>
/// Builds the AutoMapper configuration. AutoMapper 15+ is dual-licensed (RPL 1.5 or commercial): the license key
/// comes from configuration (AutoMapper:LicenseKey / environment AUTOMAPPER_LICENSE_KEY); without one and without a
/// logger factory, AutoMapper's license notice stays out of the logs (development and tests).
/// </summary>
public static class DataverseMapper
{
    /// <summary>The environment variable read when no license key is passed.</summary>
    public const string LicenseKeyVariable = "AUTOMAPPER_LICENSE_KEY";

    /// <summary>Creates the configuration with our profile; the key defaults to <see cref="LicenseKeyVariable"/>.</summary>
    public static MapperConfiguration CreateConfiguration(string? licenseKey = null, ILoggerFactory? loggerFactory = null)
    {
        licenseKey ??= Environment.GetEnvironmentVariable(LicenseKeyVariable);
        return new(
            cfg =>
            {
                if (!string.IsNullOrWhiteSpace(licenseKey))
                {
                    cfg.LicenseKey = licenseKey;
                }

                cfg.AddProfile<DataverseMappingProfile>();
            },
            loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Creates a mapper.</summary>
    public static IMapper Create(string? licenseKey = null, ILoggerFactory? loggerFactory = null) =>
        CreateConfiguration(licenseKey, loggerFactory).CreateMapper();
}
