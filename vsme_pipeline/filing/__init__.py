"""The filing: a report snapshot becomes VSME XBRL facts, xBRL-JSON and a self-checked export.

* `taxonomy`: the offline taxonomy extracts per edition (``data/``, EFRAG converter, MIT);
* `facts`: the fact model (concept, entity, period, unit, decimals, dimensions, value);
* `mapping`: snapshot (report, company, validation, metrics) -> facts, with the known traps solved;
* `xbrl_json`: facts -> xBRL-JSON (OIM) bytes, deterministic;
* `selfcheck`: facts against the taxonomy extract; any error fails the export;
* `template_import`: a filled EFRAG digital template -> report data and findings.
"""
