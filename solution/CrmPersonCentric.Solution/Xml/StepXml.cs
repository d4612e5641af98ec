using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Registration;
using CrmPersonCentric.Dataverse.Steps;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>
/// The webhook service endpoint and the SDK message processing steps, generated from <see cref="StepCatalog.Packaged"/> at
/// pack time so the solution and <c>cpc register</c> share one source of truth.
/// </summary>
internal static class StepXml
{
    /// <summary>
    /// The endpoint URL shipped in the solution. Dataverse needs a syntactically valid HTTPS URL at import; the real Functions
    /// URL and key are set afterwards by <c>cpc register --webhook-url</c>, which updates this same endpoint (matched by name).
    /// </summary>
    public const string PlaceholderUrl = "https://placeholder.invalid/api/dataverse-webhook";

    /// <summary>serviceendpoint.contract: Webhook.</summary>
    public const int WebhookContract = 8;

    /// <summary>serviceendpoint.authtype: WebhookKey.</summary>
    public const int WebhookKeyAuthType = 4;

    /// <summary>sdkmessageprocessingstep.eventhandler type code of a service endpoint (4618; a plug-in type is 4602).</summary>
    private const int ServiceEndpointTypeCode = 4618;

    /// <summary>Ids of the SDK messages, the same in every Dataverse environment.</summary>
    private static readonly Dictionary<string, Guid> MessageIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Create"] = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Update"] = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Delete"] = new("20bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
    };

    public static Guid EndpointId => StableId.For("serviceendpoint", RegistrationRequest.DefaultEndpointName);

    public static Guid StepId(StepRegistration step) => StableId.For("step", step.Name);

    /// <summary>The endpoint, its children in the schema's order (serviceendpointtype).</summary>
    public static XElement Endpoint() =>
        new("ServiceEndpoint", new XAttribute("ServiceEndpointId", StableId.Braced(EndpointId)), new XAttribute("Name", RegistrationRequest.DefaultEndpointName),
            new XElement("ConnectionMode", "1"),
            new XElement("Contract", WebhookContract.ToString(CultureInfo.InvariantCulture)),
            new XElement("Description", "CrmPersonCentric Functions webhook. The URL is a placeholder until `cpc register --webhook-url` sets the real one and its key."),
            new XElement("UserClaim", "1"),
            Flag("IsCustomizable", true),
            new XElement("AuthType", WebhookKeyAuthType.ToString(CultureInfo.InvariantCulture)),
            new XElement("MessageFormat", "2"),
            new XElement("Url", PlaceholderUrl));

    /// <summary>A step, its children in the schema's order (sdkmessageprocessingsteptype); the handler is the endpoint.</summary>
    public static XElement Step(StepRegistration step)
    {
        var messageId = MessageIds.TryGetValue(step.Message, out var id)
            ? id
            : throw new NotSupportedException($"Step '{step.Name}' uses message '{step.Message}', whose SDK message id the packer does not know.");
        return new XElement("SdkMessageProcessingStep", new XAttribute("Name", step.Name), new XAttribute("SdkMessageProcessingStepId", StableId.Braced(StepId(step))),
            new XElement("PrimaryEntity", step.Table),
            Flag("AsyncAutoDelete", step.Mode == StepMode.Asynchronous),
            new XElement("Description", step.Description),
            step.FilteringAttributes.IsDefaultOrEmpty ? null : new XElement("FilteringAttributes", string.Join(',', step.FilteringAttributes)),
            new XElement("InvocationSource", "0"),
            new XElement("Mode", ((int)step.Mode).ToString(CultureInfo.InvariantCulture)),
            new XElement("Rank", step.Rank.ToString(CultureInfo.InvariantCulture)),
            new XElement("SdkMessageId", StableId.Braced(messageId)),
            new XElement("EventHandler", StableId.Braced(EndpointId)),
            new XElement("EventHandlerTypeCode", ServiceEndpointTypeCode.ToString(CultureInfo.InvariantCulture)),
            new XElement("Stage", ((int)step.Stage).ToString(CultureInfo.InvariantCulture)),
            Flag("IsCustomizable", true),
            Flag("IsHidden", false),
            new XElement("SupportedDeployment", "0"),
            new XElement("IntroducedVersion", "1.0"),
            new XElement("SdkMessageProcessingStepImages", step.Images.Select(i => Image(step, i))));
    }

    private static XElement Image(StepRegistration step, ImageRegistration image) =>
        new("SdkMessageProcessingStepImage", new XAttribute("Name", image.Alias),
            new XElement("SdkMessageProcessingStepImageId", StableId.Braced(StableId.For("stepimage", step.Name + "/" + image.Alias))),
            new XElement("Attributes", string.Join(',', image.Attributes)),
            new XElement("EntityAlias", image.Alias),
            new XElement("ImageType", ((int)image.Type).ToString(CultureInfo.InvariantCulture)),
            new XElement("MessagePropertyName", ImageRegistration.MessagePropertyFor(step.Message)),
            Flag("IsCustomizable", true),
            new XElement("IntroducedVersion", "1.0"));
}
