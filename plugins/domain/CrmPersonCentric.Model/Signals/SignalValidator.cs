using System.Collections.Immutable;
using System.Globalization;

namespace CrmPersonCentric.Model.Signals;

/// <summary>
/// The one place a behaviour signal is validated, whichever door it came through (a data directory's signals.csv, the
/// signals API, a Dataverse row): id and contact present and not too long (GUIDs where the door speaks Dataverse), a
/// known type, an ISO 8601 time not in the future, a layer 1 to 4 (required for messaging responses), a theme of at most
/// 200 characters, a known recording function, a referred contact only on referrals and never the referrer. Whether the
/// contact exists is the door's own question.
/// </summary>
/// <param name="ids">What the door's contact ids are.</param>
/// <param name="time">The clock that says what is in the future.</param>
public sealed class SignalValidator(SignalIds ids, TimeProvider time)
{
    /// <summary>Longest signal or contact id accepted (the Dataverse external id column holds 200).</summary>
    public const int MaxIdLength = 200;

    /// <summary>Longest theme accepted.</summary>
    public const int MaxThemeLength = 200;

    /// <summary>How far ahead of the clock a signal's time may be (clock skew between systems), not more.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <summary>The signal, or the problems that keep the input from being one (each with its field).</summary>
    public (BehaviourSignal? Signal, ImmutableArray<SignalProblem> Problems) Validate(SignalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Most signals are valid: the list of problems is made for the first one.
        ImmutableArray<SignalProblem>.Builder? problems = null;
        void Fail(SignalField field, string message) => (problems ??= ImmutableArray.CreateBuilder<SignalProblem>()).Add(new SignalProblem(field, message));

        var id = input.SignalId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            Fail(SignalField.SignalId, "is required");
        }
        else if (id.Length > MaxIdLength)
        {
            Fail(SignalField.SignalId, Invariant($"is longer than {MaxIdLength} characters"));
        }

        var contact = ContactId(input.ContactId, "is required: the contact who showed the behaviour", out var contactProblem);
        if (contactProblem is not null)
        {
            Fail(SignalField.ContactId, contactProblem);
        }

        var typeText = input.Type?.Trim();
        var type = default(BehaviourType);
        var typeOk = typeText is { Length: > 0 } && !int.TryParse(typeText, out _) && Enum.TryParse(typeText, ignoreCase: true, out type) && Enum.IsDefined(type);
        if (!typeOk)
        {
            Fail(SignalField.Type, (typeText is { Length: > 0 } ? Echo.Quote(typeText) + " is not" : "is required:") + " one of " + Echo.NamesOf<BehaviourType>());
        }

        DateTimeOffset occurred = default;
        if (string.IsNullOrWhiteSpace(input.OccurredOn))
        {
            Fail(SignalField.OccurredOn, "is required");
        }
        else if (!IsoDates.TryParse(input.OccurredOn, out occurred))
        {
            Fail(SignalField.OccurredOn, "is not " + IsoDates.ExpectedForm);
        }
        else if (occurred > time.GetUtcNow() + FutureTolerance)
        {
            Fail(SignalField.OccurredOn, "is in the future");
        }

        MessagingLayer? layer = null;
        if (!string.IsNullOrWhiteSpace(input.Layer))
        {
            if (int.TryParse(input.Layer.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 4)
            {
                layer = (MessagingLayer)number;
            }
            else
            {
                Fail(SignalField.Layer, "must be 1 to 4");
            }
        }
        else if (typeOk && type == BehaviourType.MessagingResponse)
        {
            Fail(SignalField.Layer, "is required for messagingResponse signals (1 to 4)");
        }

        var theme = string.IsNullOrWhiteSpace(input.Theme) ? null : input.Theme.Trim();
        if (theme is null && typeOk && type == BehaviourType.MessageSent)
        {
            Fail(SignalField.Theme, "is required for messageSent signals (the theme that was sent)");
        }

        if (theme is { Length: > MaxThemeLength })
        {
            Fail(SignalField.Theme, Invariant($"is longer than {MaxThemeLength} characters"));
        }

        SignalSource? source = null;
        if (!string.IsNullOrWhiteSpace(input.Source))
        {
            if (SignalSources.TryParse(input.Source, out var parsed))
            {
                source = parsed;
            }
            else
            {
                Fail(SignalField.Source, Echo.Quote(input.Source) + " is not one of " + SignalSources.Names);
            }
        }

        string? related = null;
        if (!string.IsNullOrWhiteSpace(input.RelatedContactId))
        {
            if (typeOk && type != BehaviourType.Referral)
            {
                Fail(SignalField.RelatedContactId, "applies only to referral signals (the contact who was referred)");
            }
            else
            {
                related = ContactId(input.RelatedContactId, "is required", out var relatedProblem);
                if (relatedProblem is not null)
                {
                    Fail(SignalField.RelatedContactId, relatedProblem);
                }

                if (related is not null && string.Equals(related, contact, StringComparison.OrdinalIgnoreCase))
                {
                    Fail(SignalField.RelatedContactId, "is the referring contact itself");
                }
            }
        }

        return problems is not null
            ? (null, problems.ToImmutable())
            : (new BehaviourSignal(id!, contact!, type, occurred, theme, type is BehaviourType.MessagingResponse or BehaviourType.MessageSent ? layer : null, source, related), []);
    }

    private string? ContactId(string? text, string missing, out string? problem)
    {
        problem = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problem = missing;
            return null;
        }

        if (ids == SignalIds.DataverseGuids)
        {
            if (Guid.TryParse(value, out var guid))
            {
                return guid.ToString("D");
            }

            problem = "must be a Dataverse contact id (a GUID)";
            return null;
        }

        if (value.Length > MaxIdLength)
        {
            problem = Invariant($"is longer than {MaxIdLength} characters");
            return null;
        }

        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
