using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import.Documents;

/// <summary>Maps persona documents to personas (validating, with field paths) and back.</summary>
public static class PersonaDocumentMapper
{
    /// <summary>Maps a document; returns null and adds errors (field, reason) when it cannot be a persona.</summary>
    public static Persona? ToPersona(PersonaDocument document, TraitNormalizer normalizer, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var traits = ImmutableArray.CreateBuilder<DeclaredTrait>();
        if (document.Traits is { } declared)
        {
            AddTraits(TraitDimension.Aspiration, "traits.aspirations", declared.Aspirations, normalizer, traits, errors);
            AddTraits(TraitDimension.CoreFear, "traits.coreFears", declared.CoreFears, normalizer, traits, errors);
            AddTraits(TraitDimension.PeerGroup, "traits.peerGroups", declared.PeerGroups, normalizer, traits, errors);
            AddTraits(TraitDimension.Community, "traits.communities", declared.Communities, normalizer, traits, errors);
        }

        var behaviours = ImmutableArray.CreateBuilder<BehaviourExpectation>();
        var behaviourDocs = document.Behaviours ?? [];
        for (var i = 0; i < behaviourDocs.Count; i++)
        {
            var field = Invariant($"behaviours[{i}]");
            var b = behaviourDocs[i];
            if (b is null || !Enum.TryParse<BehaviourType>(b.Type, ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                errors.Add(new(field + ".type", $"{Echo.Quote(b?.Type)} is not one of {Echo.NamesOf<BehaviourType>()}"));
                continue;
            }

            MessagingLayer? layer = null;
            if (b.Layer is { } l)
            {
                if (l is < 1 or > 4)
                {
                    errors.Add(new(field + ".layer", Invariant($"must be 1 to 4, was {l}")));
                    continue;
                }

                layer = (MessagingLayer)l;
            }

            if (b.ExpectedShare is null)
            {
                errors.Add(new(field + ".expectedShare", "is required"));
                continue;
            }

            behaviours.Add(new BehaviourExpectation(type, layer, b.ExpectedShare.Value, b.ExpectedRatePerPersonYear));
        }

        var trust = ImmutableArray.CreateBuilder<TrustExpectation>();
        var trustDocs = document.TrustChannels ?? [];
        for (var i = 0; i < trustDocs.Count; i++)
        {
            var field = Invariant($"trustChannels[{i}]");
            var t = trustDocs[i];
            if (t is null || !TrustExpectation.TryParse(t.Channel, out var channel))
            {
                errors.Add(new(field + ".channel", $"{Echo.Quote(t?.Channel)} is not one of peerReferral, community, content, salesLed"));
                continue;
            }

            if (t.ExpectedShare is null)
            {
                errors.Add(new(field + ".expectedShare", "is required"));
                continue;
            }

            trust.Add(new TrustExpectation(channel, t.ExpectedShare.Value));
        }

        var reached = document.Messaging?.ReachedLayer ?? 0;
        if (reached is < 1 or > 4)
        {
            errors.Add(new("messaging.reachedLayer", Invariant($"must be 1 to 4, was {(document.Messaging?.ReachedLayer is null ? "missing" : reached.ToString(CultureInfo.InvariantCulture))}")));
            reached = 1;
        }

        var persona = new Persona(
            document.Id?.Trim() ?? string.Empty,
            document.Name?.Trim() ?? string.Empty,
            new PersonaOwner(document.Owner?.Id?.Trim() ?? string.Empty, document.Owner?.DisplayName?.Trim() ?? document.Owner?.Id ?? string.Empty, document.Owner?.Email?.Trim()),
            document.Version ?? 1,
            new IcpFilter(
                [.. (document.Icp?.Industries ?? []).Select(Key)],
                document.Icp?.MinEmployees,
                document.Icp?.MaxEmployees,
                [.. (document.Icp?.Regions ?? []).Select(Key)]),
            new PersonaMessaging(
                document.Messaging?.CorporateVision,
                document.Messaging?.DepartmentMission,
                document.Messaging?.JobRoleKra,
                document.Messaging?.DeepPersonalDesire,
                (MessagingLayer)reached),
            traits.ToImmutable(),
            behaviours.ToImmutable())
        {
            TrustChannels = trust.ToImmutable(),
            RevisedOn = document.RevisedOn,
        };
        errors.AddRange(persona.Validate().Where(e => !errors.Contains(e)));
        return errors.Count == before ? persona : null;
    }

    /// <summary>The document form of a persona (traits as keys).</summary>
    public static PersonaDocument FromPersona(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        List<TraitDocument> Traits(TraitDimension dimension) =>
            [.. persona.TraitsIn(dimension).Select(t => new TraitDocument { Trait = t.Key, ExpectedPrevalence = t.ExpectedPrevalence })];
        return new PersonaDocument
        {
            Id = persona.Id,
            Name = persona.Name,
            Version = persona.Version,
            Owner = new OwnerDocument { Id = persona.Owner.Id, DisplayName = persona.Owner.DisplayName, Email = persona.Owner.Email },
            Icp = new IcpDocument
            {
                Industries = [.. persona.Icp.Industries],
                MinEmployees = persona.Icp.MinEmployees,
                MaxEmployees = persona.Icp.MaxEmployees,
                Regions = [.. persona.Icp.Regions],
            },
            Messaging = new MessagingDocument
            {
                CorporateVision = persona.Messaging.CorporateVision,
                DepartmentMission = persona.Messaging.DepartmentMission,
                JobRoleKra = persona.Messaging.JobRoleKra,
                DeepPersonalDesire = persona.Messaging.DeepPersonalDesire,
                ReachedLayer = (int)persona.Messaging.ReachedLayer,
            },
            Traits = new TraitsDocument
            {
                Aspirations = Traits(TraitDimension.Aspiration),
                CoreFears = Traits(TraitDimension.CoreFear),
                PeerGroups = Traits(TraitDimension.PeerGroup),
                Communities = Traits(TraitDimension.Community),
            },
            Behaviours =
            [
                .. persona.Behaviours.Select(b => new BehaviourDocument
                {
                    Type = JsonName(b.Type),
                    Layer = b.Layer is { } l ? (int)l : null,
                    ExpectedShare = b.ExpectedShare,
                    ExpectedRatePerPersonYear = b.ExpectedRatePerPersonYear,
                }),
            ],
            TrustChannels = persona.TrustChannels.IsDefaultOrEmpty
                ? null
                : [.. persona.TrustChannels.Select(t => new TrustChannelDocument { Channel = t.Key, ExpectedShare = t.ExpectedShare })],
            RevisedOn = persona.RevisedOn,
        };
    }

    /// <summary>Normalises an industry or region to its key form.</summary>
    public static string Key(string value) => TraitText.ToKey(TraitText.Canonicalize(value ?? string.Empty));

    private static string JsonName(BehaviourType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void AddTraits(
        TraitDimension dimension,
        string path,
        List<TraitDocument>? documents,
        TraitNormalizer normalizer,
        ImmutableArray<DeclaredTrait>.Builder traits,
        List<ValidationError> errors)
    {
        if (documents is null)
        {
            return;
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var field = Invariant($"{path}[{i}]");
            var normalized = normalizer.TryNormalize(dimension, documents[i]?.Trait, field + ".trait", out var error);
            if (normalized is null)
            {
                errors.Add(error!);
                continue;
            }

            if (documents[i].ExpectedPrevalence is not { } prevalence || !(prevalence > 0 && prevalence <= 1))
            {
                errors.Add(new(field + ".expectedPrevalence", Invariant($"must be in (0, 1], was {(documents[i].ExpectedPrevalence is { } p ? p.ToString(CultureInfo.InvariantCulture) : "missing")}")));
                continue;
            }

            if (traits.Any(t => t.Dimension == dimension && t.Key == normalized.Key))
            {
                errors.Add(new(field + ".trait", $"{Echo.Quote(normalized.Key)} is declared twice in {dimension.ToFieldName()}"));
                continue;
            }

            traits.Add(new DeclaredTrait(dimension, normalized.Key, prevalence));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
