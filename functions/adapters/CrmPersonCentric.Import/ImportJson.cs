using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

/// <summary>
/// The model's JSON settings for the data directory's documents. The importer runs in the CLI (JIT), so it reads
/// its own document types with reflection; the model's and the rules' types carry their enum converters themselves.
/// </summary>
internal static class ImportJson
{
    public static JsonSerializerOptions Options { get; } = new(TraitTaxonomy.JsonOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
}
