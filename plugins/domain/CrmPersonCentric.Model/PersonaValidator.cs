using System.Collections.Immutable;
using System.Globalization;

namespace CrmPersonCentric.Model;

/// <summary>Checks a persona definition; every message names the field and the reason.</summary>
public static class PersonaValidator
{
    /// <summary>Returns every problem of the persona (empty when valid).</summary>
    public static ImmutableArray<ValidationError> Validate(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (string.IsNullOrWhiteSpace(persona.Id))
        {
            errors.Add(new("id", "is required"));
        }

        if (string.IsNullOrWhiteSpace(persona.Name))
        {
            errors.Add(new("name", "is required"));
        }

        if (persona.Owner is null || string.IsNullOrWhiteSpace(persona.Owner.Id))
        {
            errors.Add(new("owner.id", "is required: every persona has a marketing lead who receives its report"));
        }

        if (persona.Version < 1)
        {
            errors.Add(new("version", Invariant($"must be 1 or more, was {persona.Version}")));
        }

        if (persona.Icp is { MinEmployees: { } min, MaxEmployees: { } max } && min > max)
        {
            errors.Add(new("icp.maxEmployees", Invariant($"must be at least icp.minEmployees ({min}), was {max}")));
        }

        if (persona.Icp is { MinEmployees: < 0 })
        {
            errors.Add(new("icp.minEmployees", "must not be negative"));
        }

        if (persona.Messaging is null || !Enum.IsDefined(persona.Messaging.ReachedLayer))
        {
            errors.Add(new("messaging.reachedLayer", "must be a layer from 1 to 4"));
        }

        ValidateTraits(persona, errors);
        ValidateBehaviours(persona, errors);
        ValidateTrust(persona, errors);
        return errors.ToImmutable();
    }

    private static void ValidateTraits(Persona persona, ImmutableArray<ValidationError>.Builder errors)
    {
        var seen = new HashSet<(TraitDimension, string)>();
        for (var i = 0; i < persona.Traits.Length; i++)
        {
            var trait = persona.Traits[i];
            var field = Invariant($"traits[{i}]");
            if (string.IsNullOrWhiteSpace(trait.Key))
            {
                errors.Add(new(field + ".key", "is required"));
                continue;
            }

            if (!Enum.IsDefined(trait.Dimension))
            {
                errors.Add(new(field + ".dimension", "must be aspiration, corefear, peergroup or community"));
            }

            if (!(trait.ExpectedPrevalence > 0 && trait.ExpectedPrevalence <= 1))
            {
                errors.Add(new(field + ".expectedPrevalence", Invariant($"must be in (0, 1], was {trait.ExpectedPrevalence}")));
            }

            if (!seen.Add((trait.Dimension, trait.Key)))
            {
                errors.Add(new(field + ".key", Invariant($"{Echo.Quote(trait.Key)} is declared twice in {trait.Dimension.ToFieldName()}")));
            }
        }
    }

    private static void ValidateBehaviours(Persona persona, ImmutableArray<ValidationError>.Builder errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < persona.Behaviours.Length; i++)
        {
            var behaviour = persona.Behaviours[i];
            var field = Invariant($"behaviours[{i}]");
            if (behaviour.Type == BehaviourType.MessageSent)
            {
                errors.Add(new(field + ".type", "messageSent records what was sent to people, not a behaviour a persona can expect; use messagingResponse"));
                continue;
            }

            if (behaviour.Type == BehaviourType.MessagingResponse && behaviour.Layer is null)
            {
                errors.Add(new(field + ".layer", "is required for messaging responses (1 to 4)"));
            }

            if (behaviour.Type != BehaviourType.MessagingResponse && behaviour.Layer is not null)
            {
                errors.Add(new(field + ".layer", "applies only to messaging responses"));
            }

            if (!(behaviour.ExpectedShare >= 0 && behaviour.ExpectedShare <= 1))
            {
                errors.Add(new(field + ".expectedShare", Invariant($"must be in [0, 1], was {behaviour.ExpectedShare}")));
            }

            if (behaviour.ExpectedRatePerPersonYear is { } rate && !(rate >= 0 && rate <= 10_000))
            {
                errors.Add(new(field + ".expectedRatePerPersonYear", Invariant($"must be in [0, 10000], was {rate}")));
            }

            if (!seen.Add(behaviour.Key))
            {
                errors.Add(new(field + ".type", Invariant($"{Echo.Quote(behaviour.Key)} is declared twice")));
            }
        }
    }

    private static void ValidateTrust(Persona persona, ImmutableArray<ValidationError>.Builder errors)
    {
        var seen = new HashSet<TrustModes>();
        var channels = persona.TrustChannels.IsDefault ? [] : persona.TrustChannels;
        for (var i = 0; i < channels.Length; i++)
        {
            var expectation = channels[i];
            var field = Invariant($"trustChannels[{i}]");
            if (!TrustExpectation.Channels.Contains(expectation.Channel))
            {
                errors.Add(new(field + ".channel", "must be one of peerReferral, community, content, salesLed"));
                continue;
            }

            if (!(expectation.ExpectedShare >= 0 && expectation.ExpectedShare <= 1))
            {
                errors.Add(new(field + ".expectedShare", Invariant($"must be in [0, 1], was {expectation.ExpectedShare}")));
            }

            if (!seen.Add(expectation.Channel))
            {
                errors.Add(new(field + ".channel", $"{Echo.Quote(expectation.Key)} is declared twice"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
