using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPersonCentric.Testing;

/// <summary>
/// Builds webhook bodies the way Dataverse sends them, starting from Microsoft Learn's documented sample (an
/// asynchronous post-operation Update of a contact) and changing only what a test names: every field of the sample
/// the product does not read (BusinessUnitId, OwningExtension, ParentContext, IsolationMode, RequestId, ...) stays,
/// and asynchronous deliveries carry Dataverse's automatic <c>AsynchronousStepPrimaryName</c> post image beside the
/// images a step registered, in the order the test asks for.
/// </summary>
public sealed class DeliveryBuilder
{
    /// <summary>The alias of the image Dataverse adds to asynchronous deliveries by itself.</summary>
    public const string AutomaticImageAlias = "AsynchronousStepPrimaryName";

    private const string EntityType = "Entity:http://schemas.microsoft.com/xrm/2011/Contracts";
    private const string ReferenceType = "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts";

    private static readonly Lazy<string> LearnSample = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("learn-sample-update-contact-async-postop.json")
            ?? throw new InvalidOperationException("The Learn sample is not embedded in the Testing assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly JsonObject _root;
    private readonly List<(string Alias, JsonObject Image)> _preImages = [];
    private readonly List<(string Alias, JsonObject Image)> _postImages = [];
    private bool? _automaticImage;
    private bool _automaticImageFirst;
    private bool _escapeSlashes = true;
    private string _table = "contact";
    private string _id;

    private DeliveryBuilder()
    {
        _root = JsonNode.Parse(LearnSample.Value)!.AsObject();
        _id = _root["PrimaryEntityId"]!.GetValue<string>();
        _root["PostEntityImages"] = new JsonArray();
    }

    /// <summary>The documented sample as it is (an Update of a contact; its only post image is the automatic one).</summary>
    public static DeliveryBuilder FromLearnSample() => new();

    /// <summary>The primary name column Dataverse puts in the automatic image of a table.</summary>
    public static string PrimaryNameOf(string table) => table switch
    {
        "contact" => "fullname",
        "account" => "name",
        _ => "cpc_name",
    };

    /// <summary>The event: message, table, row id, stage (10, 20, 40) and mode (0 synchronous, 1 asynchronous).</summary>
    public DeliveryBuilder Event(string message, string table, string id, int stage = 40, int mode = 1)
    {
        _table = table;
        _id = id;
        _root["MessageName"] = message;
        _root["PrimaryEntityName"] = table;
        _root["PrimaryEntityId"] = id;
        _root["Stage"] = stage;
        _root["Mode"] = mode;
        if (_root["ParentContext"] is JsonObject parent)
        {
            // The parent context is the same operation seen from the platform's pre-operation stage.
            parent["MessageName"] = message;
            parent["PrimaryEntityName"] = table;
            parent["PrimaryEntityId"] = id;
            parent["Mode"] = mode;
            parent["InputParameters"] = new JsonArray();
        }

        return this;
    }

    /// <summary>The execution depth.</summary>
    public DeliveryBuilder Depth(int depth)
    {
        _root["Depth"] = depth;
        return this;
    }

    /// <summary>When the operation was created, as a <c>/Date(ms±hhmm)/</c> literal or an ISO string.</summary>
    public DeliveryBuilder OperationCreatedOn(string value)
    {
        _root["OperationCreatedOn"] = value;
        return this;
    }

    /// <summary>When the operation was created.</summary>
    public DeliveryBuilder OperationCreatedOn(DateTimeOffset value) =>
        OperationCreatedOn(string.Create(CultureInfo.InvariantCulture, $"/Date({value.ToUnixTimeMilliseconds()})/"));

    /// <summary>The Target input as an entity with these attributes (a JSON fragment of key/value objects).</summary>
    public DeliveryBuilder Target(string attributes, string? rowVersion = null, string? formattedValues = null)
    {
        var target = Entity(attributes, rowVersion, withType: true);
        if (formattedValues is not null)
        {
            target["FormattedValues"] = JsonNode.Parse("[" + formattedValues + "]");
        }

        SetInput("Target", target);
        return this;
    }

    /// <summary>The Target input as an entity reference (Delete, Assign, ...).</summary>
    public DeliveryBuilder TargetReference()
    {
        SetInput("Target", new JsonObject
        {
            ["__type"] = ReferenceType,
            ["Id"] = _id,
            ["KeyAttributes"] = new JsonArray(),
            ["LogicalName"] = _table,
            ["Name"] = null,
            ["RowVersion"] = null,
        });
        return this;
    }

    /// <summary>No inputs and no images: what Dataverse sends when the body exceeded 256 KB.</summary>
    public DeliveryBuilder SizeExceeded()
    {
        _root.Remove("InputParameters");
        _root.Remove("PreEntityImages");
        _root.Remove("PostEntityImages");
        _root.Remove("ParentContext");
        _preImages.Clear();
        _postImages.Clear();
        _automaticImage = false;
        return this;
    }

    /// <summary>An output parameter (Create's "id").</summary>
    public DeliveryBuilder Output(string key, string valueJson)
    {
        var outputs = _root["OutputParameters"] as JsonArray ?? [];
        outputs.Add(new JsonObject { ["key"] = key, ["value"] = JsonNode.Parse(valueJson) });
        _root["OutputParameters"] = outputs;
        return this;
    }

    /// <summary>A registered post image (images without <c>__type</c>, as Dataverse sends them).</summary>
    public DeliveryBuilder PostImage(string alias, string attributes, string? rowVersion = null)
    {
        _postImages.Add((alias, Entity(attributes, rowVersion, withType: false)));
        return this;
    }

    /// <summary>A registered pre image.</summary>
    public DeliveryBuilder PreImage(string alias, string attributes, string? rowVersion = null)
    {
        _preImages.Add((alias, Entity(attributes, rowVersion, withType: false)));
        return this;
    }

    /// <summary>Whether the automatic image is present (default: for asynchronous Create and Update) and whether it comes first.</summary>
    public DeliveryBuilder AutomaticImage(bool present, bool first = false)
    {
        _automaticImage = present;
        _automaticImageFirst = first;
        return this;
    }

    /// <summary>Writes slashes as <c>\/</c> as the documented sample does (default) or plain.</summary>
    public DeliveryBuilder EscapeSlashes(bool escape)
    {
        _escapeSlashes = escape;
        return this;
    }

    /// <summary>Adds a property the product does not know (real bodies grow over time).</summary>
    public DeliveryBuilder Extra(string name, string valueJson)
    {
        _root[name] = JsonNode.Parse(valueJson);
        return this;
    }

    /// <summary>The body.</summary>
    public string Build()
    {
        var message = _root["MessageName"]!.GetValue<string>();
        var asynchronous = _root["Mode"]!.GetValue<int>() == 1;
        var automatic = _automaticImage ?? (asynchronous && message is "Create" or "Update");
        var post = new List<(string Alias, JsonObject Image)>(_postImages);
        if (automatic)
        {
            var image = Entity(
                $$"""{ "key": {{JsonSerializer.Serialize(PrimaryNameOf(_table))}}, "value": "(sample)" }, { "key": {{JsonSerializer.Serialize(_table + "id")}}, "value": {{JsonSerializer.Serialize(_id)}} }""",
                null,
                withType: false);
            post.Insert(_automaticImageFirst ? 0 : post.Count, (AutomaticImageAlias, image));
        }

        var root = (JsonObject)_root.DeepClone();
        if (root.ContainsKey("InputParameters") || _postImages.Count + _preImages.Count > 0 || automatic)
        {
            root["PreEntityImages"] = Images(_preImages);
            root["PostEntityImages"] = Images(post);
        }

        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return _escapeSlashes ? text.Replace("/", "\\/", StringComparison.Ordinal) : text;
    }

    private static JsonArray Images(IEnumerable<(string Alias, JsonObject Image)> images) =>
        [.. images.Select(i => (JsonNode)new JsonObject { ["key"] = i.Alias, ["value"] = i.Image.DeepClone() })];

    private void SetInput(string key, JsonNode value)
    {
        var inputs = _root["InputParameters"] as JsonArray ?? [];
        _root["InputParameters"] = inputs;
        var existing = inputs.OfType<JsonObject>().FirstOrDefault(p => p["key"]?.GetValue<string>() == key);
        if (existing is not null)
        {
            existing["value"] = value;
        }
        else
        {
            inputs.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }
    }

    private JsonObject Entity(string attributes, string? rowVersion, bool withType)
    {
        var entity = new JsonObject();
        if (withType)
        {
            entity["__type"] = EntityType;
        }

        entity["Attributes"] = JsonNode.Parse("[" + attributes + "]");
        entity["EntityState"] = null;
        entity["FormattedValues"] = new JsonArray();
        entity["Id"] = _id;
        entity["KeyAttributes"] = new JsonArray();
        entity["LogicalName"] = _table;
        entity["RelatedEntities"] = new JsonArray();
        entity["RowVersion"] = rowVersion is null ? null : JsonNode.Parse(rowVersion);
        return entity;
    }
}
