using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging;
using PersonaTable = CrmPersonCentric.Dataverse.Schema.Tables.Persona;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Personas over the Web API (cpc_personas): definitions for evaluation and steps, rows for new versions.</summary>
public sealed partial class WebApiPersonaSource(IDataverseClient client, ITraitTaxonomySource taxonomy, ILogger<WebApiPersonaSource> logger) : IPersonaSource, IPersonaRecords
{
    /// <summary>The persona columns read (also the depth step's image).</summary>
    public static readonly IReadOnlyList<string> Columns =
        [PersonaTable.Id, PersonaTable.DisplayName, PersonaTable.Version, PersonaTable.IcpIndustries, PersonaTable.IcpMinEmployees, PersonaTable.IcpMaxEmployees, PersonaTable.IcpRegions, PersonaTable.CorporateVision, PersonaTable.DepartmentMission, PersonaTable.JobRoleKra, PersonaTable.DeepPersonalDesire, PersonaTable.ReachedLayer, PersonaTable.DeclaredTraits, PersonaTable.ExpectedBehaviours, PersonaTable.ExpectedTrust, PersonaTable.RevisedOn, "createdon", "_" + PersonaTable.Owner + "_value"];

    /// <inheritdoc />
    public async Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default)
    {
        var personas = ImmutableArray.CreateBuilder<Persona>();
        var query = new ODataQuery { Select = Columns, Filter = "statecode eq 0", IncludeAnnotations = true };
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in client.QueryAsync(PersonaTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            if (Guid.TryParse(source.GetString(PersonaTable.Id), out var id) && TryRead(source, id, normalizer) is { } persona)
            {
                personas.Add(persona);
            }
        }

        return personas.ToImmutable();
    }

    /// <inheritdoc />
    public async Task<Persona?> FindAsync(Guid personaId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(PersonaTable.EntitySet, personaId, Columns, cancellationToken).ConfigureAwait(false);
        return row is null ? null : TryRead(new JsonRow(row), personaId, await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<PersonaRecord?> FindRecordAsync(Guid personaId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(PersonaTable.EntitySet, personaId, [.. Columns, PersonaTable.ChangeLog], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var source = new JsonRow(row);
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        return new PersonaRecord(PersonaRowMapper.Read(source, personaId, normalizer), source.ETag, source.GetString(PersonaTable.ChangeLog) ?? string.Empty);
    }

    /// <inheritdoc />
    public async Task SaveVersionAsync(PersonaRecord current, Persona updated, string changeLog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        var columns = PersonaRowMapper.ToColumns(updated);
        columns[PersonaTable.ChangeLog] = changeLog;
        await client.UpdateAsync(PersonaTable.EntitySet, Guid.Parse(current.Persona.Id), columns, current.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordDepthAsync(Guid personaId, string depthCheck, DateTimeOffset? revisedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(depthCheck);
        var columns = new System.Text.Json.Nodes.JsonObject { [PersonaTable.DepthCheck] = depthCheck.Length <= 4000 ? depthCheck : depthCheck[..4000] };
        if (revisedOn is { } at)
        {
            columns[PersonaTable.RevisedOn] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        await client.UpdateAsync(PersonaTable.EntitySet, personaId, columns, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private Persona? TryRead(IRowSource row, Guid id, TraitNormalizer normalizer)
    {
        try
        {
            return PersonaRowMapper.Read(row, id, normalizer);
        }
        catch (ModelValidationException ex)
        {
            // A persona being edited into shape is skipped (no fit, not evaluated) until it is valid.
            LogInvalidPersona(logger, id, string.Join(", ", ex.Errors.Select(e => e.Field)));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped persona {PersonaId}: invalid {Fields}")]
    private static partial void LogInvalidPersona(ILogger logger, Guid personaId, string fields);
}
