"""Enumerations whose members come from the EFRAG VSME XBRL taxonomy (2025-07-30).

Stored values are short, stable slugs (what the web app writes); `xbrl_member()` returns the
taxonomy member local name used at export (e.g. ``LegalForm.COOPERATIVE`` ->
``CooperativeMember``).
"""

from enum import StrEnum

__all__ = [
    "BasisForReporting",
    "CbaCoverageBand",
    "CodeOfConductContent",
    "ComprehensiveDisclosure",
    "DisclosureCode",
    "EmployeeCountType",
    "EmployeeCountingMethodology",
    "EnergySource",
    "FuelUnit",
    "HumanRightType",
    "LegalForm",
    "MassUnit",
    "PolicyType",
    "Pollutant",
    "PollutionMedium",
    "ReportingOption",
    "RiskLevel",
    "Scope3Category",
    "SiteTenure",
    "SustainabilityIssue",
    "TargetScope",
    "XBRL_MEMBERS",
    "xbrl_member",
]


class ReportingOption(StrEnum):
    """B1 24(a) basis for preparation (XBRL ``BasisForPreparation``)."""

    A = "A"  # Basic Module only (also "Basic plus selected C disclosures", FAQ #19)
    B = "B"  # Basic Module and Comprehensive Module


class BasisForReporting(StrEnum):
    """B1 24(c) individual or consolidated basis (XBRL ``BasisForReporting``)."""

    INDIVIDUAL = "individual"
    CONSOLIDATED = "consolidated"


class LegalForm(StrEnum):
    """B1 24(e)(i) legal form (XBRL ``UndertakingsLegalForm``; guidance 68)."""

    PRIVATE_LIMITED_LIABILITY = "private_limited_liability"
    SOLE_PROPRIETORSHIP = "sole_proprietorship"
    PARTNERSHIP = "partnership"
    COOPERATIVE = "cooperative"
    OTHER = "other"


class EmployeeCountType(StrEnum):
    """B1 24(e)(v) headcount or full-time equivalent (XBRL ``TypeOfNumberOfEmployees``)."""

    HEADCOUNT = "headcount"
    FTE = "fte"


class EmployeeCountingMethodology(StrEnum):
    """B1 24(e)(v) counting methodology (XBRL ``EmployeeCountingMethodology``)."""

    END_OF_PERIOD = "end_of_period"
    AVERAGE = "average"


class DisclosureCode(StrEnum):
    """VSME disclosures B1-C9 and, from the 2026-05-01 taxonomy, their finer items (XBRL
    ``ListOfOmittedDisclosures...`` / ``ListOfDisclosuresForWhichNoChanges...`` members)."""

    B1 = "B1"
    B2 = "B2"
    B3 = "B3"
    B4 = "B4"
    B5 = "B5"
    B6 = "B6"
    B7 = "B7"
    B8 = "B8"
    B9 = "B9"
    B10 = "B10"
    B11 = "B11"
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"
    C6 = "C6"
    C7 = "C7"
    C8 = "C8"
    C9 = "C9"
    # finer items of the 2026-05-01 taxonomy: parts of one disclosure ("<code>.<part>") and the
    # para-10 entity-specific information ("other.<pillar>"); older editions have no member for them
    B1_GENERAL_INFORMATION = "B1.general_information"
    B1_SUBSIDIARIES = "B1.subsidiaries"
    B1_CERTIFICATIONS = "B1.certifications"
    B1_SITES = "B1.sites"
    B2_COOPERATIVE = "B2.cooperative"
    B3_TOTAL_ENERGY = "B3.total_energy"
    B3_ENERGY_BREAKDOWN = "B3.energy_breakdown"
    B3_GHG_EMISSIONS = "B3.ghg_emissions"
    B3_GHG_INTENSITY = "B3.ghg_intensity"
    B5_SENSITIVE_SITES = "B5.sensitive_sites"
    B5_LAND_USE = "B5.land_use"
    B6_WATER_WITHDRAWAL = "B6.water_withdrawal"
    B6_WATER_CONSUMPTION = "B6.water_consumption"
    B7_CIRCULAR_ECONOMY = "B7.circular_economy"
    B7_WASTE = "B7.waste"
    B7_MATERIALS = "B7.materials"
    B8_CONTRACT_TYPE = "B8.contract_type"
    B8_GENDER = "B8.gender"
    B8_COUNTRY = "B8.country"
    B8_TURNOVER_RATE = "B8.turnover_rate"
    B10_REMUNERATION_AND_BARGAINING = "B10.remuneration_and_bargaining"
    B10_TRAINING_HOURS = "B10.training_hours"
    C3_TARGETS = "C3.targets"
    C3_MAIN_ACTIONS = "C3.main_actions"
    C3_TRANSITION_PLAN = "C3.transition_plan"
    C8_REVENUES = "C8.revenues"
    C8_BENCHMARK_EXCLUSION = "C8.benchmark_exclusion"
    OTHER_GENERAL = "other.general"
    OTHER_ENVIRONMENTAL = "other.environmental"
    OTHER_SOCIAL = "other.social"
    OTHER_GOVERNANCE = "other.governance"

    @property
    def is_finer(self) -> bool:
        """A part of a disclosure (or para-10 information), not a whole disclosure B1-C9."""
        return "." in self.value


class ComprehensiveDisclosure(StrEnum):
    """Comprehensive Module disclosures C1-C9 (for "Basic plus selected C disclosures")."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"
    C6 = "C6"
    C7 = "C7"
    C8 = "C8"
    C9 = "C9"


class SustainabilityIssue(StrEnum):
    """B2 sustainability issues (XBRL ``SustainabilityIssueAddressedBy...``; guidance 78)."""

    CLIMATE_CHANGE = "climate_change"
    POLLUTION = "pollution"
    WATER_AND_MARINE_RESOURCES = "water_and_marine_resources"
    BIODIVERSITY_AND_ECOSYSTEMS = "biodiversity_and_ecosystems"
    CIRCULAR_ECONOMY = "circular_economy"
    OWN_WORKFORCE = "own_workforce"
    WORKERS_IN_THE_VALUE_CHAIN = "workers_in_the_value_chain"
    AFFECTED_COMMUNITIES = "affected_communities"
    CONSUMERS_AND_END_USERS = "consumers_and_end_users"
    BUSINESS_CONDUCT = "business_conduct"


class PolicyType(StrEnum):
    """B2/C2 type of measure (XBRL ``TypeOfPracticePolicyAndFutureInitiative`` members)."""

    PRACTICE = "practice"
    POLICY = "policy"
    FUTURE_INITIATIVE = "future_initiative"


class CodeOfConductContent(StrEnum):
    """C6 (b) content of the code of conduct / human rights policy."""

    CHILD_LABOUR = "child_labour"
    FORCED_LABOUR = "forced_labour"
    HUMAN_TRAFFICKING = "human_trafficking"
    DISCRIMINATION = "discrimination"
    ACCIDENT_PREVENTION = "accident_prevention"
    OTHER = "other"


class HumanRightType(StrEnum):
    """C7 (a) human right related to a confirmed incident."""

    CHILD_LABOUR = "child_labour"
    FORCED_LABOUR = "forced_labour"
    HUMAN_TRAFFICKING = "human_trafficking"
    DISCRIMINATION = "discrimination"
    ACCIDENT_PREVENTION = "accident_prevention"
    OTHER = "other"


class PollutionMedium(StrEnum):
    """B4 receiving medium (selects ``AmountOfEmissionToAir|Water|Soil``)."""

    AIR = "air"
    WATER = "water"
    SOIL = "soil"


class MassUnit(StrEnum):
    """Mass units allowed for B4 pollutant amounts (guidance 114)."""

    TONNE = "t"
    KILOGRAM = "kg"


class FuelUnit(StrEnum):
    """Units of B3 fuel activity data (converted to MWh by the calculation layer)."""

    KILOGRAM = "kg"
    TONNE = "t"
    LITRE = "L"
    CUBIC_METRE = "m3"
    KWH = "kWh"
    MWH = "MWh"
    GJ = "GJ"
    TJ = "TJ"


class EnergySource(StrEnum):
    """Renewability of an energy source (XBRL ``BreakdownOfEnergyConsumptionAxis``)."""

    RENEWABLE = "renewable"
    NON_RENEWABLE = "non_renewable"


class Scope3Category(StrEnum):
    """The 15 GHG Protocol Scope 3 categories (template input rows; no taxonomy concept)."""

    PURCHASED_GOODS_AND_SERVICES = "purchased_goods_and_services"
    CAPITAL_GOODS = "capital_goods"
    FUEL_AND_ENERGY_RELATED_ACTIVITIES = "fuel_and_energy_related_activities"
    UPSTREAM_TRANSPORTATION_AND_DISTRIBUTION = "upstream_transportation_and_distribution"
    WASTE_GENERATED_IN_OPERATIONS = "waste_generated_in_operations"
    BUSINESS_TRAVEL = "business_travel"
    EMPLOYEE_COMMUTING = "employee_commuting"
    UPSTREAM_LEASED_ASSETS = "upstream_leased_assets"
    DOWNSTREAM_TRANSPORTATION_AND_DISTRIBUTION = "downstream_transportation_and_distribution"
    PROCESSING_OF_SOLD_PRODUCTS = "processing_of_sold_products"
    USE_OF_SOLD_PRODUCTS = "use_of_sold_products"
    END_OF_LIFE_TREATMENT_OF_SOLD_PRODUCTS = "end_of_life_treatment_of_sold_products"
    DOWNSTREAM_LEASED_ASSETS = "downstream_leased_assets"
    FRANCHISES = "franchises"
    INVESTMENTS = "investments"


class TargetScope(StrEnum):
    """C3 emission scope a GHG reduction target applies to (``ReportingScopesAxis`` concepts)."""

    SCOPE_1 = "scope1"
    SCOPE_2_LOCATION_BASED = "scope2_location_based"
    SCOPE_2_MARKET_BASED = "scope2_market_based"
    SCOPE_3 = "scope3"


class CbaCoverageBand(StrEnum):
    """B10 (c) collective bargaining coverage bands allowed by guidance 204."""

    BAND_0_19 = "0-19"
    BAND_20_39 = "20-39"
    BAND_40_59 = "40-59"
    BAND_60_79 = "60-79"
    BAND_80_100 = "80-100"


class RiskLevel(StrEnum):
    """C4 para 58 rating of potential adverse effects."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SiteTenure(StrEnum):
    """B1 24(e)(vii): whether a site is owned, leased or managed."""

    OWNED = "owned"
    LEASED = "leased"
    MANAGED = "managed"


class Pollutant(StrEnum):
    """B4 pollutants (``TypeOfPollutantAxis`` members; list per Reg. (EU) 2024/1244)."""

    ALACHLOR = "alachlor"  # Alachlor
    ALDRIN = "aldrin"  # Aldrin
    AMMONIA_NH3 = "ammonia_nh3"  # Ammonia (NH3)
    ANTHRACENE = "anthracene"  # Anthracene
    ARSENIC_AND_COMPOUNDS_AS = "arsenic_and_compounds_as"  # Arsenic and compounds (As)
    ASBESTOS = "asbestos"  # Asbestos
    ATRAZINE = "atrazine"  # Atrazine
    BENZENE = "benzene"  # Benzene
    BENZO_G_H_I_PERYLENE = "benzo_g_h_i_perylene"  # Benzo(g,h,i)perylene
    BROMINATED_DIPHENYLETHERS_PBDE = "brominated_diphenylethers_pbde"  # Brominated diphenylethers (PBDE)
    CADMIUM_AND_COMPOUNDS_CD = "cadmium_and_compounds_cd"  # Cadmium and compounds (Cd)
    CARBON_DIOXIDE_CO2 = "carbon_dioxide_co2"  # Carbon dioxide (CO2)
    CARBON_MONOXIDE_CO = "carbon_monoxide_co"  # Carbon monoxide (CO)
    CHLORDANE = "chlordane"  # Chlordane
    CHLORDECONE = "chlordecone"  # Chlordecone
    CHLORFENVINPHOS = "chlorfenvinphos"  # Chlorfenvinphos
    CHLORIDES_TOTAL_CL = "chlorides_total_cl"  # Chlorides (total Cl)
    CHLORINE_AND_INORGANIC_COMPOUNDS_HCL = "chlorine_and_inorganic_compounds_hcl"  # Chlorine and inorganic compounds (HCl)
    CHLORO_ALKANES_C10_C13 = "chloro_alkanes_c10_c13"  # Chloro-alkanes, C10-C13
    CHLOROFLUOROCARBONS_CFCS = "chlorofluorocarbons_cfcs"  # Chlorofluorocarbons (CFCs)
    CHLORPYRIFOS = "chlorpyrifos"  # Chlorpyrifos
    CHROMIUM_AND_COMPOUNDS_CR = "chromium_and_compounds_cr"  # Chromium and compounds (Cr)
    COPPER_AND_COMPOUNDS_CU = "copper_and_compounds_cu"  # Copper and compounds (Cu)
    CYANIDES_TOTAL_CN = "cyanides_total_cn"  # Cyanides (total CN)
    DDT = "ddt"  # DDT
    DI_2_ETHYL_HEXYL_PHTHALATE_DEHP = "di_2_ethyl_hexyl_phthalate_dehp"  # Di-(2-ethyl hexyl) phthalate (DEHP)
    DICHLOROMETHANE_DCM = "dichloromethane_dcm"  # Dichloromethane (DCM)
    DICOFOL = "dicofol"  # Dicofol
    DIELDRIN = "dieldrin"  # Dieldrin
    DIURON = "diuron"  # Diuron
    DICHLOROETHANE_EDC_1_2 = "1_2_dichloroethane_edc"  # 1,2-dichloroethane (EDC)
    ENDOSULPHAN = "endosulphan"  # Endosulphan
    ENDRIN = "endrin"  # Endrin
    ETHYL_BENZENE = "ethyl_benzene"  # Ethyl benzene
    ETHYLENE_OXIDE = "ethylene_oxide"  # Ethylene oxide
    FLUORANTHENE = "fluoranthene"  # Fluoranthene
    FLUORIDES_TOTAL_F = "fluorides_total_f"  # Fluorides (total F)
    FLUORINE_AND_INORGANIC_COMPOUNDS_HF = "fluorine_and_inorganic_compounds_hf"  # Fluorine and inorganic compounds (HF)
    HEXACHLOROCYCLOHEXANE_HCH_1_2_3_4_5_6 = "1_2_3_4_5_6_hexachlorocyclohexane_hch"  # 1,2,3,4,5,6-hexachlorocyclohexane (HCH)
    HALOGENATED_ORGANIC_COMPOUNDS_AOX = "halogenated_organic_compounds_aox"  # Halogenated organic compounds (AOX)
    HALONS = "halons"  # Halons
    HEPTACHLOR = "heptachlor"  # Heptachlor
    HEXABROMOBIPHENYL = "hexabromobiphenyl"  # Hexabromobiphenyl
    HEXACHLOROBENZENE_HCB = "hexachlorobenzene_hcb"  # Hexachlorobenzene (HCB)
    HEXACHLOROBUTADIENE_HCBD = "hexachlorobutadiene_hcbd"  # Hexachlorobutadiene (HCBD)
    HYDRO_FLUOROCARBONS_HFCS = "hydro_fluorocarbons_hfcs"  # Hydro-fluorocarbons (HFCs)
    HYDROCHLOROFLUOROCARBONS_HCFCS = "hydrochlorofluorocarbons_hcfcs"  # Hydrochlorofluorocarbons (HCFCs)
    HYDROGEN_CYANIDE_HCN = "hydrogen_cyanide_hcn"  # Hydrogen cyanide (HCN)
    ISODRIN = "isodrin"  # Isodrin
    ISOPROTURON = "isoproturon"  # Isoproturon
    LEAD_AND_COMPOUNDS_PB = "lead_and_compounds_pb"  # Lead and compounds (Pb)
    LINDANE = "lindane"  # Lindane
    MERCURY_AND_COMPOUNDS_HG = "mercury_and_compounds_hg"  # Mercury and compounds (Hg)
    METHANE_CH4 = "methane_ch4"  # Methane (CH4)
    MIREX = "mirex"  # Mirex
    NAPHTHALENE = "naphthalene"  # Naphthalene
    NICKEL_AND_COMPOUNDS_NI = "nickel_and_compounds_ni"  # Nickel and compounds (Ni)
    NITROGEN_OXIDES_NOX_NO2 = "nitrogen_oxides_nox_no2"  # Nitrogen oxides (NOx/NO2)
    NITROUS_OXIDE_N2O = "nitrous_oxide_n2o"  # Nitrous oxide (N2O)
    NON_METHANE_VOLATILE_ORGANIC_COMPOUNDS_NMVOC = "non_methane_volatile_organic_compounds_nmvoc"  # Non-methane volatile organic compounds (NMVOC)
    NONYLPHENOL_AND_NONYLPHENOL_ETHOXYLATES_NP_NPES = "nonylphenol_and_nonylphenol_ethoxylates_np_npes"  # Nonylphenol and Nonylphenol ethoxylates (NP/NPEs)
    OCTYLPHENOLS_AND_OCTYLPHENOL_ETHOXYLATES = "octylphenols_and_octylphenol_ethoxylates"  # Octylphenols and Octylphenol ethoxylates
    ORGANOTIN_COMPOUNDS_TOTAL_SN = "organotin_compounds_total_sn"  # Organotin compounds (total Sn)
    PCDD_PCDF_DIOXINS_FURANS_TEQ = "pcdd_pcdf_dioxins_furans_teq"  # PCDD + PCDF (dioxins + furans) (Teq)
    PARTICULATE_MATTER_PM = "particulate_matter_pm"  # Particulate matter (PM)
    PENTACHLOROBENZENE = "pentachlorobenzene"  # Pentachlorobenzene
    PENTACHLOROPHENOL_PCP = "pentachlorophenol_pcp"  # Pentachlorophenol (PCP)
    PERFLUOROCARBONS_PFCS = "perfluorocarbons_pfcs"  # Perfluorocarbons (PFCs)
    PERFLUOROHEXANE_1_SULFONIC_ACID_PFHXS_AND_ITS_SALTS = "perfluorohexane_1_sulfonic_acid_pfhxs_and_its_salts"  # Perfluorohexane-1-sulfonic acid (PFHxS) and its salts
    PERFLUOROOCTANOIC_ACID_PFOA_AND_ITS_SALTS = "perfluorooctanoic_acid_pfoa_and_its_salts"  # Perfluorooctanoic acid (PFOA) and its salts
    PHENOLS_TOTAL_C = "phenols_total_c"  # Phenols (total C)
    POLYCHLORINATED_BIPHENYLS_PCBS = "polychlorinated_biphenyls_pcbs"  # Polychlorinated biphenyls (PCBs)
    POLYCYCLIC_AROMATIC_HYDROCARBONS_PAHS = "polycyclic_aromatic_hydrocarbons_pahs"  # Polycyclic aromatic hydrocarbons (PAHs)
    SIMAZINE = "simazine"  # Simazine
    SULPHUR_HEXAFLUORIDE_SF6 = "sulphur_hexafluoride_sf6"  # Sulphur hexafluoride (SF6)
    SULPHUR_OXIDES_SOX_SO2 = "sulphur_oxides_sox_so2"  # Sulphur oxides (SOx/SO2)
    TETRACHLOROETHANE_1_1_2_2 = "1_1_2_2_tetrachloroethane"  # 1,1,2,2-tetrachloroethane
    TETRACHLOROETHYLENE_PER = "tetrachloroethylene_per"  # Tetrachloroethylene (PER)
    TETRACHLOROMETHANE_TCM = "tetrachloromethane_tcm"  # Tetrachloromethane (TCM)
    TOLUENE = "toluene"  # Toluene
    TOTAL_NITROGEN = "total_nitrogen"  # Total nitrogen
    TOTAL_ORGANIC_CARBON_TOC_TOTAL_C_OR_COD_3 = "total_organic_carbon_toc_total_c_or_cod_3"  # Total organic carbon (TOC) (total C or COD/3)
    TOTAL_PHOSPHORUS = "total_phosphorus"  # Total phosphorus
    TOXAPHENE = "toxaphene"  # Toxaphene
    TRIBUTYLTIN_AND_COMPOUNDS = "tributyltin_and_compounds"  # Tributyltin and compounds
    TRICHLOROBENZENES_TCBS_ALL_ISOMERS = "trichlorobenzenes_tcbs_all_isomers"  # Trichlorobenzenes (TCBs) (all isomers)
    TRICHLOROETHANE_1_1_1 = "1_1_1_trichloroethane"  # 1,1,1-trichloroethane
    TRICHLOROETHYLENE = "trichloroethylene"  # Trichloroethylene
    TRICHLOROMETHANE = "trichloromethane"  # Trichloromethane
    TRIFLURALIN = "trifluralin"  # Trifluralin
    TRIPHENYLTIN_AND_COMPOUNDS = "triphenyltin_and_compounds"  # Triphenyltin and compounds
    VINYL_CHLORIDE = "vinyl_chloride"  # Vinyl chloride
    XYLENES = "xylenes"  # Xylenes
    ZINC_AND_COMPOUNDS_ZN = "zinc_and_compounds_zn"  # Zinc and compounds (Zn)


POLLUTANT_MEMBERS = {
    Pollutant.ALACHLOR: "AlachlorMember",
    Pollutant.ALDRIN: "AldrinMember",
    Pollutant.AMMONIA_NH3: "AmmoniaNH3Member",
    Pollutant.ANTHRACENE: "AnthraceneMember",
    Pollutant.ARSENIC_AND_COMPOUNDS_AS: "ArsenicAndCompoundsAsMember",
    Pollutant.ASBESTOS: "AsbestosMember",
    Pollutant.ATRAZINE: "AtrazineMember",
    Pollutant.BENZENE: "BenzeneMember",
    Pollutant.BENZO_G_H_I_PERYLENE: "BenzoghiperyleneMember",
    Pollutant.BROMINATED_DIPHENYLETHERS_PBDE: "BrominatedDiphenylethersPBDEMember",
    Pollutant.CADMIUM_AND_COMPOUNDS_CD: "CadmiumAndCompoundsCdMember",
    Pollutant.CARBON_DIOXIDE_CO2: "CarbonDioxideCO2Member",
    Pollutant.CARBON_MONOXIDE_CO: "CarbonMonoxideCOMember",
    Pollutant.CHLORDANE: "ChlordaneMember",
    Pollutant.CHLORDECONE: "ChlordeconeMember",
    Pollutant.CHLORFENVINPHOS: "ChlorfenvinphosMember",
    Pollutant.CHLORIDES_TOTAL_CL: "ChloridesTotalClMember",
    Pollutant.CHLORINE_AND_INORGANIC_COMPOUNDS_HCL: "ChlorineAndInorganicCompoundsHClMember",
    Pollutant.CHLORO_ALKANES_C10_C13: "ChloroAlkanesC10C13Member",
    Pollutant.CHLOROFLUOROCARBONS_CFCS: "ChlorofluorocarbonsCFCsMember",
    Pollutant.CHLORPYRIFOS: "ChlorpyrifosMember",
    Pollutant.CHROMIUM_AND_COMPOUNDS_CR: "ChromiumAndCompoundsCrMember",
    Pollutant.COPPER_AND_COMPOUNDS_CU: "CopperAndCompoundsCuMember",
    Pollutant.CYANIDES_TOTAL_CN: "CyanidesTotalCNMember",
    Pollutant.DDT: "DDTMember",
    Pollutant.DI_2_ETHYL_HEXYL_PHTHALATE_DEHP: "Di2EthylHexylPhthalateDEHPMember",
    Pollutant.DICHLOROMETHANE_DCM: "DichloromethaneDCMMember",
    Pollutant.DICOFOL: "DicofolMember",
    Pollutant.DIELDRIN: "DieldrinMember",
    Pollutant.DIURON: "DiuronMember",
    Pollutant.DICHLOROETHANE_EDC_1_2: "EDC12DichloroethaneMember",
    Pollutant.ENDOSULPHAN: "EndosulphanMember",
    Pollutant.ENDRIN: "EndrinMember",
    Pollutant.ETHYL_BENZENE: "EthylBenzeneMember",
    Pollutant.ETHYLENE_OXIDE: "EthyleneOxideMember",
    Pollutant.FLUORANTHENE: "FluorantheneMember",
    Pollutant.FLUORIDES_TOTAL_F: "FluoridesTotalFMember",
    Pollutant.FLUORINE_AND_INORGANIC_COMPOUNDS_HF: "FluorineAndInorganicCompoundsHFMember",
    Pollutant.HEXACHLOROCYCLOHEXANE_HCH_1_2_3_4_5_6: "HCH123456HexachlorocyclohexaneMember",
    Pollutant.HALOGENATED_ORGANIC_COMPOUNDS_AOX: "HalogenatedOrganicCompoundsAOXMember",
    Pollutant.HALONS: "HalonsMember",
    Pollutant.HEPTACHLOR: "HeptachlorMember",
    Pollutant.HEXABROMOBIPHENYL: "HexabromobiphenylMember",
    Pollutant.HEXACHLOROBENZENE_HCB: "HexachlorobenzeneHCBMember",
    Pollutant.HEXACHLOROBUTADIENE_HCBD: "HexachlorobutadieneHCBDMember",
    Pollutant.HYDRO_FLUOROCARBONS_HFCS: "HydroFluorocarbonsHFCsMember",
    Pollutant.HYDROCHLOROFLUOROCARBONS_HCFCS: "HydrochlorofluorocarbonsHCFCsMember",
    Pollutant.HYDROGEN_CYANIDE_HCN: "HydrogenCyanideHCNMember",
    Pollutant.ISODRIN: "IsodrinMember",
    Pollutant.ISOPROTURON: "IsoproturonMember",
    Pollutant.LEAD_AND_COMPOUNDS_PB: "LeadAndCompoundsPbMember",
    Pollutant.LINDANE: "LindaneMember",
    Pollutant.MERCURY_AND_COMPOUNDS_HG: "MercuryAndCompoundsHgMember",
    Pollutant.METHANE_CH4: "MethaneCH4Member",
    Pollutant.MIREX: "MirexMember",
    Pollutant.NAPHTHALENE: "NaphthaleneMember",
    Pollutant.NICKEL_AND_COMPOUNDS_NI: "NickelAndCompoundsNiMember",
    Pollutant.NITROGEN_OXIDES_NOX_NO2: "NitrogenOxidesNOxNO2Member",
    Pollutant.NITROUS_OXIDE_N2O: "NitrousOxideN2OMember",
    Pollutant.NON_METHANE_VOLATILE_ORGANIC_COMPOUNDS_NMVOC: "NonMethaneVolatileOrganicCompoundsNMVOCMember",
    Pollutant.NONYLPHENOL_AND_NONYLPHENOL_ETHOXYLATES_NP_NPES: "NonylphenolAndNonylphenolEthoxylatesNPNPEsMember",
    Pollutant.OCTYLPHENOLS_AND_OCTYLPHENOL_ETHOXYLATES: "OctylphenolsAndOctylphenolEthoxylatesMember",
    Pollutant.ORGANOTIN_COMPOUNDS_TOTAL_SN: "OrganotinCompoundsTotalSnMember",
    Pollutant.PCDD_PCDF_DIOXINS_FURANS_TEQ: "PCDDPCDFDioxinsFuransTeqMember",
    Pollutant.PARTICULATE_MATTER_PM: "ParticulateMatterPMMember",
    Pollutant.PENTACHLOROBENZENE: "PentachlorobenzeneMember",
    Pollutant.PENTACHLOROPHENOL_PCP: "PentachlorophenolPCPMember",
    Pollutant.PERFLUOROCARBONS_PFCS: "PerfluorocarbonsPFCsMember",
    Pollutant.PERFLUOROHEXANE_1_SULFONIC_ACID_PFHXS_AND_ITS_SALTS: "Perfluorohexane1SulfonicAcidPFHxSAndItsSaltsMember",
    Pollutant.PERFLUOROOCTANOIC_ACID_PFOA_AND_ITS_SALTS: "PerfluorooctanoicAcidPFOAAndItsSaltsMember",
    Pollutant.PHENOLS_TOTAL_C: "PhenolsTotalCMember",
    Pollutant.POLYCHLORINATED_BIPHENYLS_PCBS: "PolychlorinatedBiphenylsPCBsMember",
    Pollutant.POLYCYCLIC_AROMATIC_HYDROCARBONS_PAHS: "PolycyclicAromaticHydrocarbonsPAHsMember",
    Pollutant.SIMAZINE: "SimazineMember",
    Pollutant.SULPHUR_HEXAFLUORIDE_SF6: "SulphurHexafluorideSF6Member",
    Pollutant.SULPHUR_OXIDES_SOX_SO2: "SulphurOxidesSOxSO2Member",
    Pollutant.TETRACHLOROETHANE_1_1_2_2: "Tetrachloroethane1122Member",
    Pollutant.TETRACHLOROETHYLENE_PER: "TetrachloroethylenePERMember",
    Pollutant.TETRACHLOROMETHANE_TCM: "TetrachloromethaneTCMMember",
    Pollutant.TOLUENE: "TolueneMember",
    Pollutant.TOTAL_NITROGEN: "TotalNitrogenMember",
    Pollutant.TOTAL_ORGANIC_CARBON_TOC_TOTAL_C_OR_COD_3: "TotalOrganicCarbonTOCTotalCOrCOD3Member",
    Pollutant.TOTAL_PHOSPHORUS: "TotalPhosphorusMember",
    Pollutant.TOXAPHENE: "ToxapheneMember",
    Pollutant.TRIBUTYLTIN_AND_COMPOUNDS: "TributyltinAndCompoundsMember",
    Pollutant.TRICHLOROBENZENES_TCBS_ALL_ISOMERS: "TrichlorobenzenesTCBsAllIsomersMember",
    Pollutant.TRICHLOROETHANE_1_1_1: "Trichloroethane111Member",
    Pollutant.TRICHLOROETHYLENE: "TrichloroethyleneMember",
    Pollutant.TRICHLOROMETHANE: "TrichloromethaneMember",
    Pollutant.TRIFLURALIN: "TrifluralinMember",
    Pollutant.TRIPHENYLTIN_AND_COMPOUNDS: "TriphenyltinAndCompoundsMember",
    Pollutant.VINYL_CHLORIDE: "VinylChlorideMember",
    Pollutant.XYLENES: "XylenesMember",
    Pollutant.ZINC_AND_COMPOUNDS_ZN: "ZincAndCompoundsZnMember",
}

XBRL_MEMBERS: dict[type[StrEnum], dict[StrEnum, str]] = {
    ReportingOption: {
        ReportingOption.A: "OptionABasicModuleOnlyMember",
        ReportingOption.B: "OptionBBasicModuleAndComprehensiveModuleMember",
    },
    BasisForReporting: {
        BasisForReporting.INDIVIDUAL: "IndividualMember",
        BasisForReporting.CONSOLIDATED: "ConsolidatedMember",
    },
    LegalForm: {
        LegalForm.PRIVATE_LIMITED_LIABILITY: "PrivateLimitedLiabilityUndertakingMember",
        LegalForm.SOLE_PROPRIETORSHIP: "SoleProprietorshipMember",
        LegalForm.PARTNERSHIP: "PartnershipMember",
        LegalForm.COOPERATIVE: "CooperativeMember",
        LegalForm.OTHER: "OtherUndertakingsLegalFormMember",
    },
    EmployeeCountType: {
        EmployeeCountType.HEADCOUNT: "HeadcountMember",
        EmployeeCountType.FTE: "Full-TimeEquivalentFTEMember",
    },
    EmployeeCountingMethodology: {
        EmployeeCountingMethodology.END_OF_PERIOD: "AtTheEndOfTheReportingPeriodMember",
        EmployeeCountingMethodology.AVERAGE: "AverageDuringTheReportingPeriodMember",
    },
    DisclosureCode: {
        DisclosureCode.B1: "B1-BasisForPreparationMember",
        DisclosureCode.B2: "B2-PracticesPoliciesAndFutureInitiativesForTransitioningTowardsAMoreSustainableEconomyMember",
        DisclosureCode.B3: "B3-EnergyAndGreenhouseGasEmissionsMember",
        DisclosureCode.B4: "B4-PollutionOfAirWaterAndSoilMember",
        DisclosureCode.B5: "B5-BiodiversityMember",
        DisclosureCode.B6: "B6-WaterMember",
        DisclosureCode.B7: "B7-ResourceUseCircularEconomyAndWasteManagementMember",
        DisclosureCode.B8: "B8-WorkforceGeneralCharacteristicsMember",
        DisclosureCode.B9: "B9-WorkforceHealthAndSafetyMember",
        DisclosureCode.B10: "B10-WorkforceRemunerationCollectiveBargainingAndTrainingMember",
        DisclosureCode.B11: "B11-ConvictionsAndFinesForCorruptionAndBriberyMember",
        DisclosureCode.C1: "C1-StrategyBusinessModelAndSustainabilityRelatedInitiativesMember",
        DisclosureCode.C2: "C2-DescriptionOfPracticesPoliciesAndFutureInitiativesForTransitioningTowardsAMoreSustainableEconomyMember",
        DisclosureCode.C3: "C3-GhgReductionTargetsAndClimateTransitionMember",
        DisclosureCode.C4: "C4-ClimateRisksMember",
        DisclosureCode.C5: "C5-AdditionalGeneralWorkforceCharacteristicsMember",
        DisclosureCode.C6: "C6-AdditionalOwnWorkforceInformationHumanRightsPoliciesAndProcessesMember",
        DisclosureCode.C7: "C7-SevereNegativeHumanRightsIncidentsMember",
        DisclosureCode.C8: "C8-RevenuesFromCertainSectorsAndExclusionFromEuReferenceBenchmarksMember",
        DisclosureCode.C9: "C9-GenderDiversityRatioInTheGovernanceBodyMember",
        # 2026-05-01 only
        DisclosureCode.B1_GENERAL_INFORMATION: "B1BasisForPreparationAndOtherUndertakingSGeneralInformationMember",
        DisclosureCode.B1_SUBSIDIARIES: "B1ListOfSubsidiariesMember",
        DisclosureCode.B1_CERTIFICATIONS: "B1DisclosureOfSustainabilityRelatedCertificationSOrLabelSMember",
        DisclosureCode.B1_SITES: "B1ListOfSiteSMember",
        DisclosureCode.B2_COOPERATIVE: "B2CooperativeSpecificDisclosuresMember",
        DisclosureCode.B3_TOTAL_ENERGY: "B3TotalEnergyConsumptionInMWhMember",
        DisclosureCode.B3_ENERGY_BREAKDOWN: "B3BreakdownOfEnergyConsumptionInMWhMember",
        DisclosureCode.B3_GHG_EMISSIONS: "B3EstimatedGreenhouseGasEmissionsConsideringTheGHGProtocolVersion2004InTCO2eMember",
        DisclosureCode.B3_GHG_INTENSITY: "B3GreenhouseGasEmissionIntensityPerTurnoverMember",
        DisclosureCode.B5_SENSITIVE_SITES: "B5SitesInBiodiversitySensitiveAreasMember",
        DisclosureCode.B5_LAND_USE: "B5BiodiversityLandUseMember",
        DisclosureCode.B6_WATER_WITHDRAWAL: "B6WaterWithdrawalMember",
        DisclosureCode.B6_WATER_CONSUMPTION: "B6WaterConsumptionMember",
        DisclosureCode.B7_CIRCULAR_ECONOMY: "B7DescriptionOfCircularEconomyPrinciplesMember",
        DisclosureCode.B7_WASTE: "B7WasteGeneratedMember",
        DisclosureCode.B7_MATERIALS: "B7AnnualMassFlowOfRelevantMaterialsUsedMember",
        DisclosureCode.B8_CONTRACT_TYPE: "B8TypeOfContractMember",
        DisclosureCode.B8_GENDER: "B8GenderMember",
        DisclosureCode.B8_COUNTRY: "B8CountryOfEmploymentMember",
        DisclosureCode.B8_TURNOVER_RATE: "B8TurnoverRateMember",
        DisclosureCode.B10_REMUNERATION_AND_BARGAINING: "B10RemunerationCollectiveBargainingMember",
        DisclosureCode.B10_TRAINING_HOURS: "B10NumberOfTrainingHoursPerEmployeeMember",
        DisclosureCode.C3_TARGETS: "C3GHGReductionTargetsInTC02eMember",
        DisclosureCode.C3_MAIN_ACTIONS: "C3DisclosureOfListOfMainActionsTheEntitySeeksInOrderToAchieveItsTargetsMember",
        DisclosureCode.C3_TRANSITION_PLAN: "C3TransitionPlanForUndertakingsOperatingInHighClimateImpactSectorsMember",
        DisclosureCode.C8_REVENUES: "C8RevenuesFromCertainActivitiesMember",
        DisclosureCode.C8_BENCHMARK_EXCLUSION: "C8ExclusionFromEUReferenceBenchmarksMember",
        DisclosureCode.OTHER_GENERAL: "DisclosureOfAnyOtherGeneralAndOrEntitySpecificInformation",
        DisclosureCode.OTHER_ENVIRONMENTAL: "DisclosureOfAnyOtherEnvironmentalAndOrEntitySpecificEnvironmentalDisclosures",
        DisclosureCode.OTHER_SOCIAL: "DisclosureOfAnyOtherSocialAndOrEntitySpecificSocialDisclosures",
        DisclosureCode.OTHER_GOVERNANCE: "DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures",
    },
    SustainabilityIssue: {
        SustainabilityIssue.CLIMATE_CHANGE: "ClimateChangeMember",
        SustainabilityIssue.POLLUTION: "PollutionMember",
        SustainabilityIssue.WATER_AND_MARINE_RESOURCES: "WaterAndMarineResourcesMember",
        SustainabilityIssue.BIODIVERSITY_AND_ECOSYSTEMS: "BiodiversityAndEcosystemsMember",
        SustainabilityIssue.CIRCULAR_ECONOMY: "CircularEconomyMember",
        SustainabilityIssue.OWN_WORKFORCE: "OwnWorkforceMember",
        SustainabilityIssue.WORKERS_IN_THE_VALUE_CHAIN: "WorkersInTheValueChainMember",
        SustainabilityIssue.AFFECTED_COMMUNITIES: "AffectedCommunitiesMember",
        SustainabilityIssue.CONSUMERS_AND_END_USERS: "ConsumersAndEndUsersMember",
        SustainabilityIssue.BUSINESS_CONDUCT: "BusinessConductMember",
    },
    PolicyType: {
        PolicyType.PRACTICE: "PracticeMember",
        PolicyType.POLICY: "PolicyMember",
        PolicyType.FUTURE_INITIATIVE: "FutureInitiativesMember",
    },
    CodeOfConductContent: {
        CodeOfConductContent.CHILD_LABOUR: "ChildLabourMember",
        CodeOfConductContent.FORCED_LABOUR: "ForcedLabourMember",
        CodeOfConductContent.HUMAN_TRAFFICKING: "HumanTraffickingMember",
        CodeOfConductContent.DISCRIMINATION: "DiscriminationMember",
        CodeOfConductContent.ACCIDENT_PREVENTION: "AccidentPreventionMember",
        CodeOfConductContent.OTHER: "OtherContentMember",
    },
    HumanRightType: {
        HumanRightType.CHILD_LABOUR: "ChildLabourMember",
        HumanRightType.FORCED_LABOUR: "ForcedLabourMember",
        HumanRightType.HUMAN_TRAFFICKING: "HumanTraffickingMember",
        HumanRightType.DISCRIMINATION: "DiscriminationMember",
        HumanRightType.ACCIDENT_PREVENTION: "AccidentPreventionMember",
        HumanRightType.OTHER: "OtherContentMember",
    },
    EnergySource: {
        EnergySource.RENEWABLE: "RenewableEnergyMember",
        EnergySource.NON_RENEWABLE: "NonRenewableEnergyMember",
    },
    Pollutant: {member: name for member, name in POLLUTANT_MEMBERS.items()},
}


def xbrl_member(value: StrEnum) -> str:
    """Return the taxonomy member local name for an enumeration value.

    Raises `KeyError` for enumerations that have no taxonomy counterpart (e.g. `FuelUnit`).
    """
    return XBRL_MEMBERS[type(value)][value]
