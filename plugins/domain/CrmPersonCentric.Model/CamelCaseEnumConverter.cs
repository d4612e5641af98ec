using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPersonCentric.Model;

/// <summary>
/// Writes and reads an enum as its camelCase name. One closed converter per enum (named on the enum type with
/// <see cref="JsonConverterAttribute"/>) works the same with reflection and with source-generated JSON, so the
/// Native AOT Functions app and the CLI write identical files.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
