"""The pages of community decisions, by who uses them.

- `public`: what residents and officials read: the list, a matter, the vote, the bulletin, notifications.
- `console`: the console of one matter (its steps) for those who run it.
- `meeting`: the community meeting: attendance, procedural votes, the count, clusters.
- `slips`: entering returned ballot slips, and their delivery and collection.
- `queue`: the commune's recognition queue and filings.
- `documents`: the decision record, ballot slips and printable forms.

Who may use each page is decided in `decisions.access`; `_pages` renders the console, meeting and slip
pages with any bound form that has errors.
"""
