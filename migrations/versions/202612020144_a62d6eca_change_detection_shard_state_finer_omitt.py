"""change detection, shard state, finer omitted disclosures, Scope 3 category targets

Changes:
- vsme_guru.stage_state: create collection
- vsme_guru.company_directory: create index 'synced_at'
- vsme_guru.report_metrics: add property changedAt
- vsme_guru.report_metrics: create index 'year_changed_at'
- vsme_guru.reports: add enum value 'B1.general_information' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.subsidiaries' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.certifications' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.sites' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B2.cooperative' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.total_energy' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.energy_breakdown' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.ghg_emissions' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.ghg_intensity' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B5.sensitive_sites' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B5.land_use' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B6.water_withdrawal' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B6.water_consumption' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.circular_economy' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.waste' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.materials' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.contract_type' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.gender' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.country' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.turnover_rate' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B10.remuneration_and_bargaining' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B10.training_hours' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.targets' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.main_actions' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.transition_plan' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'C8.revenues' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'C8.benchmark_exclusion' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'other.general' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'other.environmental' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'other.social' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'other.governance' to omittedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.general_information' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.subsidiaries' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.certifications' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B1.sites' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B2.cooperative' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.total_energy' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.energy_breakdown' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.ghg_emissions' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B3.ghg_intensity' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B5.sensitive_sites' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B5.land_use' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B6.water_withdrawal' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B6.water_consumption' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.circular_economy' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.waste' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B7.materials' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.contract_type' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.gender' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.country' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B8.turnover_rate' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B10.remuneration_and_bargaining' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'B10.training_hours' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.targets' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.main_actions' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'C3.transition_plan' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'C8.revenues' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'C8.benchmark_exclusion' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'other.general' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'other.environmental' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'other.social' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add enum value 'other.governance' to generalDisclosures.unchangedDisclosures.[]
- vsme_guru.reports: add property modules.b3.scope3Categories.[].baseYearEmissions
- vsme_guru.reports: add property modules.b3.scope3Categories.[].targetYearEmissions
- vsme_guru.validation_results: create index 'organization_year'
- vsme_guru.validation_results: create index 'year_validated_at'

Revision ID: 202612020144_a62d6eca_change_detection_shard_state_finer_omitt
Revises: 0005_pipeline_outputs_carry_organizationid_sn
Created: 2026-12-02T01:44:22+00:00
Autogenerated from the difference between the documents and the schema the revisions before
it leave (replayed from the chain): review it before committing.
"""

from vsme_pipeline.migration import changes
from vsme_pipeline.migration import operations as ops

revision = '202612020144_a62d6eca_change_detection_shard_state_finer_omitt'
down_revision = '0005_pipeline_outputs_carry_organizationid_sn'
message = 'change detection, shard state, finer omitted disclosures, Scope 3 category targets'
created = '2026-12-02T01:44:22+00:00'
transactional = False  # True: run in one transaction where the server supports them

# pymongo-migrate's loader and graph read these two
name = revision
dependencies = [down_revision] if down_revision else []

CHANGES = {
    'vsme_guru': [
        changes.create_collection('stage_state', {'$jsonSchema': {'bsonType': 'object',
                             'properties': {'_id': {'bsonType': 'string'},
                                            'stage': {'bsonType': 'string'},
                                            'reportingYear': {'bsonType': ['int', 'long']},
                                            'shard': {'bsonType': ['string', 'null']},
                                            'watermark': {'bsonType': 'date'},
                                            'inputsHash': {'bsonType': 'string'},
                                            'marks': {'bsonType': 'object'},
                                            'recent': {'bsonType': 'array', 'items': {'bsonType': 'object'}},
                                            'lastRunAt': {'bsonType': 'date'},
                                            'lastFullAt': {'bsonType': ['date', 'null']},
                                            'lastMissed': {'bsonType': ['int', 'long']}},
                             'required': ['_id',
                                          'inputsHash',
                                          'lastRunAt',
                                          'reportingYear',
                                          'stage',
                                          'watermark']}}, []),
        changes.create_index('company_directory', 'synced_at', [['syncedAt', 1]]),
        changes.add_property('report_metrics', 'changedAt', {'bsonType': ['date', 'null']}),
        changes.create_index('report_metrics', 'year_changed_at', [['reportingYear', 1], ['changedAt', 1]]),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B1.general_information', at=20),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B1.subsidiaries', at=21),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B1.certifications', at=22),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B1.sites', at=23),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B2.cooperative', at=24),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B3.total_energy', at=25),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B3.energy_breakdown', at=26),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B3.ghg_emissions', at=27),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B3.ghg_intensity', at=28),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B5.sensitive_sites', at=29),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B5.land_use', at=30),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B6.water_withdrawal', at=31),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B6.water_consumption', at=32),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B7.circular_economy', at=33),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B7.waste', at=34),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B7.materials', at=35),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B8.contract_type', at=36),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B8.gender', at=37),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B8.country', at=38),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B8.turnover_rate', at=39),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B10.remuneration_and_bargaining', at=40),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'B10.training_hours', at=41),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'C3.targets', at=42),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'C3.main_actions', at=43),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'C3.transition_plan', at=44),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'C8.revenues', at=45),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'C8.benchmark_exclusion', at=46),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'other.general', at=47),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'other.environmental', at=48),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'other.social', at=49),
        changes.add_enum_value('reports', 'omittedDisclosures.[]', 'other.governance', at=50),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B1.general_information', at=20),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B1.subsidiaries', at=21),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B1.certifications', at=22),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B1.sites', at=23),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B2.cooperative', at=24),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B3.total_energy', at=25),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B3.energy_breakdown', at=26),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B3.ghg_emissions', at=27),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B3.ghg_intensity', at=28),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B5.sensitive_sites', at=29),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B5.land_use', at=30),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B6.water_withdrawal', at=31),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B6.water_consumption', at=32),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B7.circular_economy', at=33),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B7.waste', at=34),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B7.materials', at=35),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B8.contract_type', at=36),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B8.gender', at=37),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B8.country', at=38),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B8.turnover_rate', at=39),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B10.remuneration_and_bargaining', at=40),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'B10.training_hours', at=41),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'C3.targets', at=42),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'C3.main_actions', at=43),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'C3.transition_plan', at=44),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'C8.revenues', at=45),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'C8.benchmark_exclusion', at=46),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'other.general', at=47),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'other.environmental', at=48),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'other.social', at=49),
        changes.add_enum_value('reports', 'generalDisclosures.unchangedDisclosures.[]', 'other.governance', at=50),
        changes.add_property('reports', 'modules.b3.scope3Categories.[].baseYearEmissions', {'bsonType': ['double', 'int', 'long', 'null'], 'minimum': 0}),
        changes.add_property('reports', 'modules.b3.scope3Categories.[].targetYearEmissions', {'bsonType': ['double', 'int', 'long', 'null'], 'minimum': 0}),
        changes.create_index('validation_results', 'organization_year', [['organizationId', 1], ['reportingYear', 1]]),
        changes.create_index('validation_results', 'year_validated_at', [['reportingYear', 1], ['validatedAt', 1]]),
    ],
}


async def upgrade_vsme_guru(db):
    await ops.apply_changes(db, CHANGES['vsme_guru'])


async def downgrade_vsme_guru(db):
    await ops.revert_changes(db, CHANGES['vsme_guru'])
