// The constants are logical names: each documents itself, and the table classes carry the summaries.
#pragma warning disable CS1591
namespace CrmPersonCentric.Dataverse.Schema;

/// <summary>Logical names of the tables the product reads and writes (publisher prefix cpc).</summary>
public static class Tables
{
    /// <summary>The contact table, extended with the person-centric columns.</summary>
    public static class Contact
    {
        public const string Name = "contact";
        public const string EntitySet = "contacts";
        public const string Id = "contactid";
        public const string Aspirations = "cpc_aspirations";
        public const string CoreFears = "cpc_corefears";
        public const string PeerGroups = "cpc_peergroups";
        public const string Communities = "cpc_communities";
        public const string DeepPersonalDesire = "cpc_deeppersonaldesire";
        public const string EmotionalStakes = "cpc_emotionalstakes";
        public const string TrustSignals = "cpc_trustsignals";
        public const string Persona = "cpc_personaid";
        public const string PersonaFit = "cpc_personafit";
        public const string InsightSummary = "cpc_insightsummary";
        public const string FitUpdatedOn = "cpc_fitupdatedon";
        public const string EnrichmentRank = "cpc_enrichmentrank";
        public const string EnrichmentMissing = "cpc_enrichmentmissing";
        public const string EnrichmentNote = "cpc_enrichmentnote";
        public const string AdvocateReason = "cpc_advocatereason";
        public const string AdvocateKinds = "cpc_advocatekinds";
        public const string ParentCustomer = "parentcustomerid";
        public const string ModifiedOn = "modifiedon";

        /// <summary>The columns sales users edit (the profile step's filtering attributes).</summary>
        public static readonly string[] PersonCentric = [Aspirations, CoreFears, PeerGroups, Communities, DeepPersonalDesire, EmotionalStakes, TrustSignals, Persona, ParentCustomer];

        /// <summary>The columns the backend computes and writes back.</summary>
        public static readonly string[] Computed = [PersonaFit, InsightSummary, FitUpdatedOn];

        /// <summary>The enrichment worklist columns the evaluation writes (rank on the persona's worklist, what is missing, why it matters).</summary>
        public static readonly string[] Enrichment = [EnrichmentRank, EnrichmentMissing, EnrichmentNote];

        /// <summary>The advocate and connector columns the evaluation writes (why the person stands out; what kind).</summary>
        public static readonly string[] Advocacy = [AdvocateReason, AdvocateKinds];
    }

    /// <summary>The account table: the ICP attributes of a contact.</summary>
    public static class Account
    {
        public const string Name = "account";
        public const string EntitySet = "accounts";
        public const string Industry = "industrycode";
        public const string Employees = "numberofemployees";
        public const string Region = "cpc_region";
    }

    /// <summary>Personas.</summary>
    public static class Persona
    {
        public const string Name = "cpc_persona";
        public const string EntitySet = "cpc_personas";
        public const string Id = "cpc_personaid";
        public const string DisplayName = "cpc_name";
        public const string Version = "cpc_version";
        public const string IcpIndustries = "cpc_icpindustries";
        public const string IcpMinEmployees = "cpc_icpminemployees";
        public const string IcpMaxEmployees = "cpc_icpmaxemployees";
        public const string IcpRegions = "cpc_icpregions";
        public const string CorporateVision = "cpc_corporatevision";
        public const string DepartmentMission = "cpc_departmentmission";
        public const string JobRoleKra = "cpc_jobrolekra";
        public const string DeepPersonalDesire = "cpc_deeppersonaldesire";
        public const string ReachedLayer = "cpc_reachedlayer";
        public const string DeclaredTraits = "cpc_declaredtraits";
        public const string ExpectedBehaviours = "cpc_expectedbehaviours";
        public const string ChangeLog = "cpc_changelog";
        public const string ExpectedTrust = "cpc_expectedtrust";
        public const string RevisedOn = "cpc_revisedon";
        public const string DepthCheck = "cpc_depthcheck";
        public const string Owner = "ownerid";

        /// <summary>The definition columns (the depth step's filtering attributes): editing any of them is a revision.</summary>
        public static readonly string[] Definition = [DisplayName, CorporateVision, DepartmentMission, JobRoleKra, DeepPersonalDesire, ReachedLayer, DeclaredTraits, ExpectedBehaviours, ExpectedTrust];
    }

    /// <summary>The trait taxonomy.</summary>
    public static class TraitTaxonomy
    {
        public const string Name = "cpc_traittaxonomy";
        public const string EntitySet = "cpc_traittaxonomies";
        public const string Dimension = "cpc_dimension";
        public const string Key = "cpc_key";
        public const string Label = "cpc_label";
        public const string Synonyms = "cpc_synonyms";
        public const string Generic = "cpc_generic";
    }

    /// <summary>The messaging theme taxonomy.</summary>
    public static class MessageTheme
    {
        public const string Name = "cpc_messagetheme";
        public const string EntitySet = "cpc_messagethemes";
        public const string Label = "cpc_label";
        public const string Key = "cpc_key";
        public const string Synonyms = "cpc_synonyms";
        public const string Dimension = "cpc_dimension";
        public const string Trait = "cpc_trait";
        public const string Layer = "cpc_layer";
    }

    /// <summary>Behaviour signals.</summary>
    public static class BehaviourSignal
    {
        public const string Name = "cpc_behavioursignal";
        public const string EntitySet = "cpc_behavioursignals";
        public const string Id = "cpc_behavioursignalid";
        public const string Contact = "cpc_contactid";
        public const string Type = "cpc_type";
        public const string OccurredOn = "cpc_occurredon";
        public const string Theme = "cpc_theme";
        public const string Layer = "cpc_layer";
        public const string ExternalId = "cpc_externalid";
        public const string Source = "cpc_source";
        public const string RelatedContact = "cpc_relatedcontactid";
    }

    /// <summary>Drift rules.</summary>
    public static class DriftRule
    {
        public const string Name = "cpc_driftrule";
        public const string EntitySet = "cpc_driftrules";
        public const string Id = "cpc_driftruleid";
        public const string Key = "cpc_key";
        public const string DisplayName = "cpc_name";
        public const string Metric = "cpc_metric";
        public const string Dimension = "cpc_dimension";
        public const string Threshold = "cpc_threshold";
        public const string CriticalThreshold = "cpc_criticalthreshold";
        public const string MinimumSample = "cpc_minimumsample";
        public const string WindowDays = "cpc_windowdays";
        public const string Severity = "cpc_severity";
        public const string Persona = "cpc_personaid";
        public const string Enabled = "cpc_enabled";
        public const string FalseDiscoveryRate = "cpc_falsediscoveryrate";
        public const string Parameter = "cpc_parameter";
    }

    /// <summary>Drift findings.</summary>
    public static class DriftFinding
    {
        public const string Name = "cpc_driftfinding";
        public const string EntitySet = "cpc_driftfindings";
        public const string Key = "cpc_key";
        public const string Persona = "cpc_personaid";
        public const string Rule = "cpc_rulekey";
        public const string Metric = "cpc_metric";
        public const string Subject = "cpc_subject";
        public const string Severity = "cpc_severity";
        public const string Status = "cpc_findingstatus";
        public const string Evidence = "cpc_evidence";
        public const string Rationale = "cpc_rationale";
        public const string Headline = "cpc_headline";
        public const string Kind = "cpc_findingkind";
    }

    /// <summary>Persona revision suggestions and their decisions.</summary>
    public static class PersonaRevision
    {
        public const string Name = "cpc_personarevision";
        public const string EntitySet = "cpc_personarevisions";
        public const string Id = "cpc_personarevisionid";
        public const string Key = "cpc_key";
        public const string Persona = "cpc_personaid";
        public const string PersonaVersion = "cpc_personaversion";
        public const string Type = "cpc_type";
        public const string Dimension = "cpc_dimension";
        public const string Subject = "cpc_subject";
        public const string ProposedValue = "cpc_proposedvalue";
        public const string Details = "cpc_details";
        public const string Evidence = "cpc_evidence";
        public const string Rationale = "cpc_rationale";
        public const string Decision = "cpc_decision";
        public const string DecidedBy = "cpc_decidedby";
        public const string DecidedOn = "cpc_decidedon";
    }
}
