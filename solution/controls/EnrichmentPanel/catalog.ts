/*
 * What the panel knows about the solution: the contact columns behind the bound properties, the choice values of the
 * solution's global choices (CrmPersonCentric.Dataverse.Schema.Choices) and the labels it shows for them when Dataverse
 * sends no formatted value.
 */
import { DimensionId } from "./traits";

export interface Dimension {
  id: DimensionId;
  /** The manifest property bound to the column. */
  property: "aspirations" | "coreFears" | "peerGroups" | "communities";
  column: string;
  /** cpc_dimension choice value of the taxonomy table. */
  choice: number;
  title: string;
  noun: string;
  plural: string;
  placeholder: string;
}

export const DIMENSIONS: readonly Dimension[] = [
  { id: "aspiration", property: "aspirations", column: "cpc_aspirations", choice: 742300001, title: "Aspirations", noun: "aspiration", plural: "aspirations", placeholder: "e.g. Hit the number" },
  { id: "coreFear", property: "coreFears", column: "cpc_corefears", choice: 742300002, title: "Core fears", noun: "fear", plural: "fears", placeholder: "e.g. Burnout" },
  { id: "peerGroup", property: "peerGroups", column: "cpc_peergroups", choice: 742300003, title: "Peer groups", noun: "peer group", plural: "peer groups", placeholder: "e.g. Sales directors" },
  { id: "community", property: "communities", column: "cpc_communities", choice: 742300004, title: "Communities", noun: "community", plural: "communities", placeholder: "e.g. Local meetups" },
];

export interface Rung {
  layer: number;
  title: string;
  /** Persona rungs come from the persona row, the fourth from the contact. */
  source: "persona" | "contact";
  field: string;
}

export const LADDER: readonly Rung[] = [
  { layer: 1, title: "Corporate vision", source: "persona", field: "cpc_corporatevision" },
  { layer: 2, title: "Department mission", source: "persona", field: "cpc_departmentmission" },
  { layer: 3, title: "Job-role KRA", source: "persona", field: "cpc_jobrolekra" },
  { layer: 4, title: "Deep personal desire", source: "contact", field: "cpc_deeppersonaldesire" },
];

export const CHOICE_BASE = 742300000;

export const TRUST = new Map<number, string>([[742300001, "Peer referral"], [742300002, "Community"], [742300003, "Content"], [742300004, "Sales-led"]]);

export const SIGNAL_TYPES = new Map<number, string>([
  [742300001, "Community contribution"], [742300002, "Referral"], [742300003, "Advocacy"],
  [742300004, "Event attendance"], [742300005, "Content co-creation"], [742300006, "Messaging response"],
  [742300007, "Message sent"],
]);

export const METRICS = new Map<number, string>([
  [742300001, "Mis-weighted trait"], [742300002, "Stale trait"], [742300003, "Emerging trait"], [742300004, "Distribution distance"],
  [742300005, "Population shift"], [742300006, "Behaviour share"], [742300007, "Behaviour rate"], [742300008, "ICP leakage"],
  [742300009, "Poor fit share"], [742300010, "Persona split"], [742300011, "Messaging depth"], [742300012, "Profile coverage"],
  [742300013, "Trust channel"], [742300014, "Message theme"], [742300015, "Advocacy concentration"],
  [742300016, "Siloed journey"],
]);

/** The kinds of person of note the evaluation writes into cpc_advocatekinds, as the badge names them. */
export const ADVOCATE_KINDS = new Map<string, string>([["advocate", "Advocate"], ["referrer", "Connector: referrals"], ["bridge", "Connector: bridges groups"]]);

/** The functions that record signals (cpc_signalsource), in the order of the choice. */
export const SOURCES = new Map<number, string>([
  [742300001, "Marketing"], [742300002, "Sales"], [742300003, "Community"],
  [742300004, "Product"], [742300005, "Customer success"], [742300006, "Events"],
]);

export interface Severity {
  label: string;
  icon: string;
  css: string;
}

export const SEVERITIES = new Map<number, Severity>([
  [742300001, { label: "Info", icon: "i", css: "info" }],
  [742300002, { label: "Warning", icon: "!", css: "warning" }],
  [742300003, { label: "Critical", icon: "!!", css: "critical" }],
]);

export const INFO_SEVERITY = 742300001;
export const EMERGING_TRAIT = 742300003;
export const OPEN_FINDING = 742300001;

/** cpc_findingkind: drift, data quality, or an opportunity (shown as one, never as a drift alert). */
export const FINDING_KINDS = { drift: 742300001, dataQuality: 742300002, opportunity: 742300003 } as const;

/**
 * Open findings read per persona (the most severe, then the newest first: createdon, as each run rewrites every open
 * finding and so moves modifiedon), and the alerts shown before "N more".
 */
export const FINDINGS_READ = 50;
export const ALERTS_SHOWN = 3;

/** The security role a sales user needs for the panel's reads (solution SecurityRoles.SalesUser). */
export const SALES_ROLE = "CrmPersonCentric sales user";

/** What each table the panel reads holds, in words, for an error that names what could not be read. */
export const TABLE_WORDS = new Map<string, string>([
  ["cpc_persona", "personas"], ["cpc_driftfinding", "drift findings"], ["cpc_behavioursignal", "behaviour signals"], ["cpc_traittaxonomy", "the trait taxonomy"],
]);
export const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

/** Signals the journey thread shows (the newest). */
export const JOURNEY_SIGNALS = 20;

/** The Web API queries, one per table; ids are bare lower-case GUIDs. */
export const QUERIES = {
  persona: "?$select=cpc_name,cpc_version,cpc_corporatevision,cpc_departmentmission,cpc_jobrolekra,cpc_deeppersonaldesire,cpc_reachedlayer,cpc_declaredtraits",
  findings: (personaId: string) => "?$select=cpc_key,cpc_metric,cpc_subject,cpc_severity,cpc_headline,cpc_rationale,cpc_findingkind,createdon&$filter=_cpc_personaid_value eq " + personaId
    + " and cpc_findingstatus eq " + OPEN_FINDING + "&$orderby=cpc_severity desc,createdon desc&$top=" + FINDINGS_READ,
  signals: (contactId: string) => "?$select=cpc_type,cpc_occurredon,cpc_theme,cpc_layer,cpc_source&$filter=_cpc_contactid_value eq " + contactId + "&$orderby=cpc_occurredon desc&$top=" + JOURNEY_SIGNALS,
  taxonomy: "?$select=cpc_dimension,cpc_key,cpc_label,cpc_synonyms&$filter=statecode eq 0&$orderby=cpc_key asc",
};
