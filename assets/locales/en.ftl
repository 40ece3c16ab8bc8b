## kezek — English messages. Message ids are stable; ky.ftl and ru.ftl follow them.

app-name = kezek

## Header and footer
header-desk = Desk: { $desk }
header-officer = Officer: { $officer }

## Screens
screen-events = Reception events
screen-queue = Queue
screen-event-form = New reception event
screen-arrival-form = New arrival
events-empty = No reception events yet. Press n to create one.
queue-empty = Nobody in the queue yet. Press n when a citizen arrives.
queue-loading = Loading…
queue-summary = { $total } in queue · { $waiting } waiting · { $with } with officer · { $done } done · { $left } left

## Columns
col-date = Date
col-city = City
col-venue = Venue
col-hosts = Hosts
col-no = No
col-arrived = Arrived
col-person = Person
col-purpose = Purpose
col-desk = Desk
col-status = Status
col-waited = Waited
queue-number = No { $number }
waited-minutes = { $minutes } min
waited-hours = { $hours } h
waited-days = { $days } d
waited-years = { $years } y

## Visit statuses
status-waiting = waiting
status-with-officer = with officer
status-done = done
status-left = left, not served

## Form fields
field-event-date = Date
field-event-city = City
field-event-venue = Venue
field-event-hosts = Host organisations
field-event-offset = UTC offset
field-surname = Surname
field-given-name = Given name
field-patronymic = Patronymic
field-birth-date = Date of birth
field-sex = Sex
field-document = Document No
field-phone = Phone
field-region = Region of origin
field-city = City of residence
field-purpose = Purpose of visit
field-language = Language of service
hint-date = YYYY-MM-DD or DD.MM.YYYY
hint-hosts = separated by commas
hint-offset = e.g. +03:00
hint-phone = +996…, 0555…, +7…, 8…
form-required = * required
form-saving = Saving…
form-choice-hint = type its first letters, or ← → to choose
suggest-title = Already on record
suggest-none = No match yet
suggest-keys = Ctrl+N/P choose · Ctrl+L use
suggest-linked = Existing person: { $name }
suggest-unlink = Ctrl+L: new person instead

## Choices
sex-unknown = not given
sex-male = male
sex-female = female
region-none = not given
region-batken = Batken region
region-chuy = Chuy region
region-issyk-kul = Issyk-Kul region
region-jalal-abad = Jalal-Abad region
region-naryn = Naryn region
region-osh = Osh region
region-talas = Talas region
region-bishkek-city = Bishkek city
region-osh-city = Osh city
lang-ky = Kyrgyz
lang-ru = Russian
lang-en = English

## Validation
err-required = required
err-too-long = too long (200 characters at most)
err-too-long-hosts = too long (1000 characters at most for all the hosts)
err-too-long-note = too long (8000 characters at most)
err-too-long-document = too long (30 characters at most)
err-too-long-phone = too long (24 characters at most)
err-too-long-short = too long (32 characters at most)
err-date-two-digit-year = write the year with four digits (24.11.2026, not 24.11.26)
err-date-year-range = the year must be between 1900 and 2100
err-date-format = use YYYY-MM-DD or DD.MM.YYYY
err-date-future = cannot be in the future
err-date-too-old = before 1900
err-document-charset = letters and digits only
err-document-length = 5 to 20 letters and digits
err-phone-charset = digits, spaces, + - ( ) only
err-phone-country = country unknown: type +996…, 0…, +7… or 8…
err-offset-format = like +03:00

## Errors from the store, shown in the interface language
err-disk-full = the disk is full; free some space (the record was not saved)
err-view-behind = not saved, nothing was written: the database could not be brought up to date (is the disk full?); free some space, then close and restart kezek
banner-store-damaged = STORE DAMAGED, nothing is saved: press F6 to salvage (old files are kept)
err-store-damaged = the store is damaged, so nothing more is written: press F6 to salvage it (every old file is kept), or close kezek and run “kezek check --salvage”
err-already-member = this person is already a member of the appeal
err-same-person = a person cannot be merged with itself
err-nothing-to-undo = nothing to undo: the visit is as it arrived
err-undo-not-last = not undone: the visit was moved again since
err-merged-since = not unmerged: the person kept was merged into another since; unmerge that first
err-not-found = the record is no longer there
err-store-in-use = another kezek has this data directory open; close that one first

## Messages in the footer
flash-event-saved = Saved: reception event created.
flash-arrival-saved = Saved: No { $number } — { $name }.
flash-arrival-twice = Saved: No { $number } — { $name }. Note: already in today's queue as No { $earlier }.
flash-status-saved = Saved: No { $number } is now “{ $status }”.
flash-cannot-move = No { $number } cannot go from “{ $from }” to “{ $to }”.
key-undo = undo the selected visit’s last queue move (kept in its history)
flash-undone = Undone “{ $undone }”: No { $number } is back to “{ $status }”.
flash-nothing-to-undo = Nothing to undo: No { $number } has not moved since it arrived (“{ $status }”).
what-undo = undo
flash-fix-fields = Not saved: correct the marked fields.
flash-failed = Not saved ({ $what }): { $reason }
flash-language = Interface language: { $language }.
what-load = loading
what-create-event = new event
what-arrival = arrival
what-status = queue status
what-search = search

## Overlays
help-title = Keys — { $screen }
help-close = any key closes this help
confirm-discard-title = Unsaved input
confirm-discard = Leave this form and lose what was typed?
confirm-quit-title = Unsaved input
confirm-quit = Quit kezek and lose what was typed in this form?
locked-title = Screen locked
locked-body = Locked after { $minutes } idle minutes to keep personal data private.
locked-keys = Press Enter to continue.
too-small = Terminal too small: { $width }×{ $height }. kezek needs at least { $need_width }×{ $need_height }.

## Key help
key-open-event = open the selected event's queue
key-new-event = new reception event
key-up = move up
key-down = move down
key-help = show keys
key-quit = quit kezek
key-new-arrival = new arrival
key-call = call: waiting → with officer
key-done = done: with officer → done
key-left = left without service
key-return = back to waiting
key-page-up = page up
key-page-down = page down
key-top = first row
key-bottom = last row (newest)
key-back-events = back to events
key-save = save
key-enter-next = next field; save on the last
key-enter-import = check the file; after a clean check, import it
key-next-field = next field
key-prev-field = previous field
key-next-suggestion = next match
key-prev-suggestion = previous match
key-use-suggestion = use the chosen match / new person instead
key-cancel-form = leave the form (asks if anything was typed)
key-close-help = close help
key-yes = yes
key-no = no
key-unlock = unlock

## Footer hints (short)
hint-open = open
hint-new = new
hint-help = help
hint-quit = quit
hint-call = call
hint-done = done
hint-left = left
hint-back = events
hint-save = save
hint-next-field = next field
hint-clear = clear
hint-cancel = cancel
hint-language = language

## Money and consultation validation
err-money-negative = amounts cannot be negative
err-money-invalid = not an amount: digits, spaces between thousands, , or . before kopecks
err-money-ambiguous = ambiguous: write 1250 or 1 250 for thousands, 1,25 for a fraction
err-money-precise = at most two digits after the separator
err-money-large = amount too large (10,000,000,000 at most)
err-money-currency = names another currency: choose it
unit-rub = RUB
unit-kgs = KGS
unit-kzt = KZT
unit-usd = USD
err-unknown-code = not in the taxonomy in use
err-no-topic = choose at least one topic

## Appeal members
member-active = active
member-recovered = recovered
member-withdrawn = withdrawn

## Consultations
screen-consultation = Consultation
consultation-title = No { $number } · { $version }
consultation-new = new consultation
consultation-edit = editing (a new version is kept)
consultation-side = Keys
consultation-keys-1 = Tab: next field
consultation-keys-2 = Enter: new line in notes
consultation-keys-3 = Ctrl+S: save · Esc: leave
field-topics = Topics
field-notes = Notes
field-advice = Advice given
field-outcome = Outcome
field-referral = Referred to
field-legal-bases = Legal basis
field-follow-up = Follow-up on
field-claimed = Claimed
field-recovered = Recovered
field-currency = Currency
field-closed-on = Closed on
hint-topics = Space chooses the highlighted topic; type to filter
hint-picker = ↑ ↓ move · Space choose · type to filter · Tab next field
hint-text-area = Enter: new line · Tab: next field
hint-amount = e.g. 11 000 000 or 1 250,50
value-none = —
picker-type-to-filter = type to filter
picker-filter = filter: { $filter }
picker-no-match = nothing matches
flash-consultation-saved = Saved: consultation for { $name }.
what-consultation = consultation
what-draft = draft
what-follow-up = follow-up

## Drafts
confirm-restore-title = Unsaved form found
confirm-restore = A form was being filled in when kezek stopped ({ $when }). Restore it?
flash-draft-orphan = The unsaved form belonged to an event that no longer exists; it was dropped.
flash-draft-unreadable = The unsaved form left last time could not be read; it was kept as { $path }.

## Follow-ups
screen-follow-ups = Follow-ups
screen-close-follow-up = Close follow-up
follow-ups-title = Follow-ups — { $open } open, { $overdue } overdue, { $week } due within 7 days
follow-ups-empty = No open follow-ups.
follow-ups-none-match = No open follow-ups under this filter: Tab, t or o changes it.
follow-ups-none-this-week = Nothing is due within 7 days, but { $overdue } overdue: Tab shows them.
follow-ups-filter = Showing { $due }: { $count } · topic: { $topic } · officer: { $officer }
follow-ups-due-week = due within 7 days
follow-ups-due-overdue = overdue, latest first
follow-ups-due-all = all, coming ones first
follow-ups-any = all
col-due = Due
col-who = Person or appeal
col-topic = Topic
col-outcome = Outcome
col-claimed = Claimed
flash-follow-up-closed = Saved: follow-up closed.

## Person card
screen-person-card = Person
card-lines = lines { $from }–{ $to } of { $total } · PgUp PgDn Home End
card-visits = Visits ({ $count })
card-consultations = Consultations ({ $count })
card-appeals = Collective appeals ({ $count })
card-claimed = claimed { $amount }
card-recovered = recovered { $amount }
card-follow-up-open = follow-up { $date }
card-follow-up-closed = follow-up { $date } (closed)
card-version = version { $version } by { $officer }

## Keys (consultations, follow-ups, card)
key-new-line = a new line
key-clear-field = clear the field at once
key-put-back = put back what Ctrl+U cleared
key-line-up = to the line above
key-line-down = to the line below
key-follow-ups = follow-ups across all events
key-person-card = person card
key-close-follow-up = close the follow-up (outcome, amount recovered, date)
key-edit-consultation = edit the selected consultation (the old version is kept)
key-back = back
key-consultation = new consultation for the selected visit
hint-follow-ups = follow-ups
hint-card = person
hint-close = close
hint-filter-due = due
hint-filter-topic = topic
hint-filter-officer = officer
key-filter-due = show the follow-ups due within 7 days, the overdue ones (the latest missed first), or all
key-filter-topic = only the next topic among them (after the last: all topics)
key-filter-officer = only the next officer’s (after the last: all officers)
field-close-note = Note
hint-close-note = what came of it (added to the consultation’s notes)
hint-edit = edit
hint-back-short = back
hint-consultation = consult

## Consultation slip
slip-title = Consultation slip
slip-date = Date
slip-place = Place
slip-desk = Your number
slip-person = Name
slip-consultation = Consultation
slip-consultation-n = Consultation { $n }
slip-topics = Question
slip-advice = What we explained
slip-legal-basis = Laws that apply
slip-referral = Where to go
slip-contact-address = Address
slip-contact-phone = Phone
slip-contact-hours = Hours
slip-contact-website = Website
slip-outcome = What happens next
slip-outcome-advised = You can now act on the advice yourself.
slip-outcome-referred = Go to the organisation you were referred to, with this slip and your documents.
slip-outcome-appeal-filed = An appeal has been sent about your case; you will be told the answer.
slip-outcome-resolved = Your question has been resolved.
slip-outcome-no-action = We could not help with this question here.
slip-next-step = When to come back
slip-no-consultation = No consultation was recorded for this visit.
slip-footer = Keep this slip. Bring it and your documents when you come back.
key-slip = write the consultation slip for the selected visit (to slips/ in the data directory)
flash-slip-written = Slip written: { $path } · S prints it
key-print-slip = print the slip of the selected visit: a page under slips/, sent to the printer (lp) where there is one
flash-slip-printed = Slip sent to the printer: { $path }
flash-slip-no-printer = No printer command (lp) on this computer. The slip is at { $path }: open it in a browser to print it
flash-slip-print-refused = The printer refused the slip ({ $reason }). It is at { $path }: open it in a browser to print it
what-slip = slip

## Collective appeals and history
screen-appeal = Collective appeal
screen-appeal-new = New collective appeal
screen-appeal-new-from = New collective appeal from { $name }’s consultation
screen-appeal-edit = Appeal details
screen-member-new = Add a person to “{ $appeal }”
screen-member-edit = Person in “{ $appeal }”
screen-history = History
appeals-title = Collective appeals ({ $count })
appeals-join-title = Choose the appeal for { $name }’s consultation: Enter joins it, n opens a new one
appeals-empty = No collective appeals yet. n opens one.
appeal-persons = { $persons ->
    [one] 1 person in the appeal
   *[other] { $persons } persons in the appeal
  }; { $recovered_persons } of them recovered money
appeal-amounts = Claimed { $claimed } · recovered { $recovered }
appeal-no-members = Nobody is in this appeal yet. m adds a person.
appeal-history = History (newest first; h shows all)
col-opened = Opened
col-appeal = Appeal
col-respondent = Employer / respondent
col-persons = Persons
col-member = Person
col-recovered = Recovered
field-appeal-title = Title
field-respondent = Employer / respondent
field-appeal-topic = Topic
field-host-city = City (host country)
field-member-status = Status
field-appeal = Collective appeal
history-created = created
history-version = version { $version }
history-member-added = added { $name }
history-member-changed = changed { $name }
history-linked = linked
flash-appeal-saved = Saved: appeal “{ $title }”.
flash-appeal-joined = Saved: the consultation joined the appeal; its person is a member.
flash-member-saved = Saved: { $name } in the appeal.
what-appeal = collective appeal
what-member = appeal member
key-appeals = collective appeals
hint-appeals = appeals
key-appeal = open the consultation’s collective appeal, or choose or open one for it
hint-appeal = appeal
key-history = every earlier version: who changed what, when
hint-history = history
key-open-appeal = open the appeal (or join it, when choosing for a consultation)
key-new-appeal = new collective appeal
key-add-member = add a person (found as at the arrival desk) with their own amounts
hint-add-member = add person
key-edit-member = change the selected person’s amounts or status (the old version is kept)
key-edit-appeal = change the appeal’s title, respondent, topic, city or follow-up date
hint-details = details
key-member-card = the selected person’s card
key-scroll-up = scroll up
key-scroll-down = scroll down
key-open-follow-up = open the person’s card (for an appeal: the appeal)

## Person search, look-alikes, merge
screen-search = Find a person
screen-appeals = Collective appeals
screen-member = Person in an appeal
field-search = Find:
search-hint = name in any script or spelling (any order, initials), document or phone
search-found = { $count ->
    [one] 1 person
   *[other] { $count } persons
  }, best match first
search-found-first = first { $shown } of { $count } persons, best match first; type more to narrow
cli-find-none = nobody found for { $query }
cli-find-first = first { $shown } of { $count } found (best first); --limit { $limit } lists them all
search-none = Nobody found. Check the spelling, or try the document or phone number.
search-too-short = A document is found by its first { $min } characters, a phone by its first { $min } digits.
search-searching = Searching…
search-merge-title = Choose the duplicate to merge into { $name }
col-birth = Born
col-document = Document
col-phone = Phone
key-search = find a person (any script, document, phone)
hint-search = find
key-search-open = open the person’s card (when merging: merge the chosen duplicate)
key-merge = merge a duplicate record of this person into this one
suggest-look-alikes = Already on record?
suggest-look-alike-keys = Ctrl+L: it is this person · Ctrl+S again: save a new person
likeness-document = same document
likeness-phone = same phone
likeness-birth-name = same birth date, similar name
flash-look-alikes = Not saved yet: this looks like someone on record. Ctrl+L uses them; Ctrl+S again saves a new person.
flash-merged = Merged: { $moved } visits, consultations and memberships moved to this person; the duplicate is kept in the history.
what-merge = merge
confirm-merge-title = Merge duplicate records?
confirm-merge = Merge “{ $gone }” into “{ $into }”? Every visit, consultation and appeal of { $gone } moves to { $into }; the duplicate record is kept on the card.
confirm-merge-name = Name
confirm-merge-stays = Stays (the card)
confirm-merge-goes = Duplicate (goes into it)
confirm-merge-differs = differs
card-merged = Merged into this person: { $name } ({ $details }) on { $date } by { $officer }
key-unmerge = unmerge the latest duplicate merged into this person
what-unmerge = unmerge
flash-unmerged = Unmerged: { $name } has their own card again ({ $moved } records went back).
flash-nothing-to-unmerge = Nothing to unmerge: no other record was merged into { $name }.
confirm-unmerge-title = Unmerge two persons?
confirm-unmerge = Take “{ $gone }” back out of “{ $into }”? The record merged on { $date } by { $officer } comes back as it was, with the visits, consultations and appeal memberships the merge moved; what was added to { $into } since stays.
confirm-unmerge-latest = This is the latest of { $count } merges into this person; the earlier ones stay.
confirm-unmerge-comes-back = Comes back (own card)
card-unmerged = Unmerged on { $date } by { $officer }: { $name } (merged on { $merged }) has their own card again
card-undone = ↶ undone { $when }: “{ $undone }” → back to “{ $status }”, { $officer }

## Reports
report-title = Summary — { $period }
report-all = all records
summary-visits = { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  } by { $persons ->
    [one] 1 citizen
   *[other] { $persons } citizens
  }; { $served } served, { $left } left without service.
summary-waiting = Waiting time: median { $median } min; 90% were called within { $p90 } min.
summary-topic-appeals = { $topic }: { $appeals ->
    [one] 1 appeal
   *[other] { $appeals } appeals
  } from { $persons ->
    [one] 1 citizen
   *[other] { $persons } citizens
  }
summary-recovered = ; { $persons ->
    [one] 1 citizen
   *[other] { $persons } citizens
  } recovered { $amount }.
summary-topic = { $topic }: { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  } with { $persons ->
    [one] 1 citizen
   *[other] { $persons } citizens
  }.
summary-follow-ups = Follow-ups: { $open } open, { $overdue } overdue.
report-topics = Consultations by topic
report-consultations = Consultations
report-persons = Persons
report-appeals = Appeals
report-appeal-persons = Persons in appeals
report-persons-recovered = Persons who recovered money
report-outcomes = By outcome
report-referrals = By referral
report-regions = Region of origin
report-sexes = Sex
report-ages = Age band
report-age-unknown = unknown
report-topic-outcomes = Consultations by topic and outcome
report-age-sex = Visitors by age band and sex
report-events = By reception day
report-suppressed-note = Anonymized: every count in the summary, figures, tables and charts is rounded to a multiple of { $base }, up or down at random, small ones too (so 0 may stand for a few and need not mean none); the same true count is rounded the same way everywhere and in every export, so figures need not add up to their totals exactly and no group of the tables can be worked out exactly from them. Regions, sexes and age bands of fewer than { $k } persons are not named but counted together as “Other (small groups)”; amounts of money are shown to two significant digits, and only beside at least { $k } persons; waiting times only over at least { $k } visitors. The record tables, where present, give the rows they publish exactly.
anon-other = Other (small groups)
report-charts = Charts
report-chart-topics = Consultations by topic and outcome
report-chart-regions = Visitors by region of origin
report-chart-age-sex = Visitors by age band and sex
report-chart-events = Visits per reception day
report-chart-suppressed = left out: fewer than { $k } persons
report-totals = Totals
report-figure = Figure
report-value = Value
report-visits = Visits
report-visitors = Visitors (distinct persons)
report-served = Served
report-left = Left without service
report-wait-median = Waiting time, median (min)
report-wait-p90 = Waiting time, 90th percentile (min)
report-open-follow-ups = Open follow-ups
report-overdue-follow-ups = Overdue follow-ups
report-rules = Counting rules: a person is counted once per period; an appeal counts once and its persons are its members who have not withdrawn; each claim of money counts once (an appeal member’s, or a consultation’s outside appeals). See the README.

## Import
import-unknown-column = unknown column (the visits table of `kezek export`, in English or Russian headers, is expected)
import-missing-column = required column missing
import-bad-id = not a kezek id
import-unknown-region = unknown region (a code such as osh, chuy, bishkek-city, or the region’s name)
import-bad-sex = unknown sex (male, female, м, ж or empty)
import-bad-time = not a time (YYYY-MM-DD HH:MM, DD.MM.YYYY HH:MM or HH:MM)
import-bad-status = unknown status (done, left, waiting, with-officer)

import-bad-currency = unknown currency (RUB, KGS, KZT or USD)
import-unknown-visit = no such visit in the folder's visits table or on record
import-unknown-appeal = no such appeal in the folder's appeals table or on record
import-unknown-person = no such person in the folder's persons table or on record
import-duplicate-id = the same id is on another line too (both are listed): ids must be unique
import-not-utf8 = the file’s encoding cannot be recognised: open it in the spreadsheet, save it as “CSV UTF-8” and import that file
import-bad-queue-no = not a queue number (a whole number from 1 to 99999)
import-bad-waited = not minutes waited (a whole number from 0 to 10080, one week)

## Dashboard
screen-dashboard = Dashboard
key-dashboard-all = dashboard: the figures of all records
key-dashboard-event = dashboard: the figures of this event
hint-dashboard = figures
key-drill = the persons behind the selected row (then Enter: their card)
key-dash-section = next table: topics, outcomes, referrals, regions, sex, age
key-dash-section-back = previous table
hint-dash-section = table
hint-drill = persons
dash-visits = Visits { $visits } · visitors { $persons }
dash-served = Served { $served } · left without service { $left }
dash-waiting = Waiting: median { $median } min · 90% within { $p90 } min
dash-consultations = Consultations { $consultations } ({ $persons } persons)
dash-appeals = Appeals { $appeals } · { $persons } persons behind them
dash-claimed = Claimed { $amount }
dash-recovered = Recovered { $amount } ({ $persons } persons)
dash-follow-ups = Follow-ups: { $open } open, { $overdue } overdue
dash-regions-more = … and { $count } more (Tab)
dash-breakdowns-tab = Regions, sex, age: see Tab.
dash-drill = { $topic }: { $count } persons (Enter: card, Esc: back)
dash-drill-some = { $topic }: { $count } persons, the first { $shown } listed (Enter: card, Esc: back)

## Export column headers (Russian and Kyrgyz exports; English keeps the codes). The import
## reads every language's headers back, so each must be unique within its language.
csv-visit-id = Visit ID
csv-event-id = Event ID
csv-event-date = Event date
csv-event-city = Event city
csv-event-venue = Venue
csv-utc-offset = UTC offset
csv-person-id = Person ID
csv-surname = Surname
csv-given-name = Given name
csv-patronymic = Patronymic
csv-birth-date = Date of birth
csv-age-band = Age band
csv-sex = Sex
csv-document = Document
csv-phone = Phone
csv-region = Region
csv-city = City of residence
csv-queue-no = Queue number
csv-desk = Desk
csv-purpose = Purpose of visit
csv-language = Language of service
csv-arrived = Arrived
csv-status = Status
csv-waited-min = Waited, min
csv-consultation-id = Consultation ID
csv-created = Created
csv-officer = Officer
csv-topics = Topics
csv-outcome = Outcome
csv-referral = Referred to
csv-legal-bases = Legal basis
csv-follow-up = Follow-up
csv-follow-up-closed = Follow-up closed
csv-claimed = Claimed
csv-claimed-currency = Claimed, currency
csv-recovered = Recovered
csv-recovered-currency = Recovered, currency
csv-appeal-id = Appeal ID
csv-notes = Notes
csv-advice = Advice
csv-opened = Opened
csv-title = Title
csv-respondent = Employer / respondent
csv-topic = Topic
csv-host-city = City (host country)
csv-member-id = Member ID

## Anonymized exports and the summary sheet
export-removed = names, document numbers, phone numbers, exact birth dates (an age band is given instead), free-text notes and advice; persons are replaced by pseudonymous ids that are stable within this export only
export-anonymized = Anonymized: removed { $removed }.
export-summary-sheet = Summary
export-tables-sheet = Tables

## Export table names
table-persons = Persons
table-visits = Visits
table-consultations = Consultations
table-appeals = Collective appeals
table-appeal-members = Appeal members
table-count-persons = { $count ->
    [one] { $count } person
   *[other] { $count } persons
  }
table-count-visits = { $count ->
    [one] { $count } visit
   *[other] { $count } visits
  }
table-count-consultations = { $count ->
    [one] { $count } consultation
   *[other] { $count } consultations
  }
table-count-appeals = { $count ->
    [one] { $count } collective appeal
   *[other] { $count } collective appeals
  }
table-count-appeal-members = { $count ->
    [one] { $count } appeal member
   *[other] { $count } appeal members
  }

## Exporting from the app
screen-export = Export
key-export = export these figures and their records (xlsx, csv, html, json)
hint-export = export
field-export-format = Format
field-export-anonymize = Personal data
field-export-records = Records (html)
field-export-file = File
hint-export-file = a name, or a full path (e.g. on a USB stick)
export-format-xlsx = xlsx (spreadsheet with the summary)
export-format-csv = csv (a folder of tables)
export-format-html = html (a printable page)
export-format-json = json (every record)
export-anonymize-no = kept (names, documents, phones)
export-anonymize-yes = removed (anonymized)
export-records-no = the printable report only
export-records-yes = the report and every record
export-where = A bare name is written under exports/ in the data directory. Ctrl+S starts the export; Esc while it runs cancels it.
export-running = Exporting…
export-cancelling = Cancelling…
export-progress = { $stage }: { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  }
flash-export-done = Exported { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  } to { $path }
flash-export-report = Report written to { $path }
flash-export-cancelled = Export cancelled; nothing was written.
what-export = export

## Importing from the app
screen-import = Import
key-import = import a CSV visits table or the folder of a whole CSV export
field-import-path = File or folder
hint-import-path = a full path, e.g. /media/usb/kezek-2026-11-24
import-how = A visits table (.csv, the export's layout or a register's, headers in English, Russian or Kyrgyz) or the folder of a whole kezek CSV export. Ctrl+S checks it first; nothing is written until you confirm.
import-would = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  }: would create { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }, { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }, { $appeals ->
    [one] 1 appeal
   *[other] { $appeals } appeals
  } and { $members ->
    [one] 1 appeal member
   *[other] { $members } appeal members
  }; { $matched ->
    [one] 1 row matches
   *[other] { $matched } rows match
  } persons on record; { $already ->
    [one] 1 was
   *[other] { $already } were
  } imported before.
import-confirm = Enter: import it · Esc: leave
import-refused = { $count ->
    [one] 1 problem
   *[other] { $count } problems
  }; nothing will be imported until the file is corrected:
import-problem = { $file }line { $line }, column { $column }{ $value }: { $message }
import-checking = Checking…
import-running = Importing…
flash-import-done = Imported: { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }, { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }.
flash-import-cancelled = Import cancelled; nothing was written.
what-import = import
key-cancel-job = cancel (nothing is left behind)

## The command line's own lines
cli-exported = exported { $counts } to { $path }
cli-exported-report = wrote the report to { $path }
cli-export-cancelled = export cancelled; nothing was written
cli-import-cancelled = import cancelled; nothing was imported
cli-import-nothing = nothing was imported
cli-import-disk-full = the disk is full: nothing was imported (the journal is as it was before); free some space and import again
cli-import-disk-full-open = the disk is full: nothing was imported; the database could not be brought up to date from the journal (nothing of it is lost, a database that could not be opened is kept beside it once); free some space and import again
cli-import-view-behind = the records are in the journal (nothing is lost, and importing the file again creates nothing), but the database could not take them all (is the disk full?); free some space: the next start or save brings it up to date
cli-import-more = … and { $count } more
cli-import-created = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  }: created { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }; { $matched ->
    [one] 1 row
   *[other] { $matched } rows
  } matched persons on record; { $already ->
    [one] 1 row was
   *[other] { $already } rows were
  } already imported
cli-import-would = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  }: would create { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }; { $matched ->
    [one] 1 row
   *[other] { $matched } rows
  } matched persons on record; { $already ->
    [one] 1 row was
   *[other] { $already } rows were
  } already imported
cli-import-created-more = and created { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }, { $appeals ->
    [one] 1 appeal
   *[other] { $appeals } appeals
  }, { $members ->
    [one] 1 appeal member
   *[other] { $members } appeal members
  }
cli-import-would-more = and would create { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }, { $appeals ->
    [one] 1 appeal
   *[other] { $appeals } appeals
  }, { $members ->
    [one] 1 appeal member
   *[other] { $members } appeal members
  }
cli-import-on-record = {"  "}line { $line }: { $name } (on record)
cli-import-by-slot = rows without document or birth date matched to visits on record by name, event and arrival minute: { $count }
cli-written = written to { $path }
cli-check-journal = journal: { $ops ->
    [one] 1 op
   *[other] { $ops } ops
  }, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } bytes
  }
cli-check-records = records: { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }, { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }, { $appeals ->
    [one] 1 appeal
   *[other] { $appeals } appeals
  } ({ $members ->
    [one] 1 member
   *[other] { $members } members
  })
cli-salvage-ops = {"  "}{ $ops ->
    [one] 1 op
   *[other] { $ops } ops
  } from intact journal records; { $bytes ->
    [one] 1 byte
   *[other] { $bytes } bytes
  } damaged or unfinished
cli-demo-done = demo store in { $dir } ({ $seconds } s): { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  } ({ $planted ->
    [one] 1 planted duplicate
   *[other] { $planted } planted duplicates
  }), { $events ->
    [one] 1 event
   *[other] { $events } events
  }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
  }, { $consultations ->
    [one] 1 consultation
   *[other] { $consultations } consultations
  }, { $appeals ->
    [one] 1 collective appeal
   *[other] { $appeals } collective appeals
  } with { $members ->
    [one] 1 member
   *[other] { $members } members
  }
cli-backup-done = backup written to { $path }: { $ops ->
    [one] 1 op
   *[other] { $ops } ops
  }, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } bytes
  } ({ $seconds } s)
cli-restore-done = restored { $ops ->
    [one] 1 op
   *[other] { $ops } ops
  } into { $dir } ({ $seconds } s); kezek check passes
cli-check-store = store: { $dir }
cli-check-rebuilt = rebuilt the database from the journal
cli-check-damaged = DAMAGED: { $damage }
cli-check-damaged-hint = nothing was changed. Run `kezek check --salvage` to recover every intact record and what the database holds (the old files are kept beside the new ones)
cli-check-consistent = index: consistent
cli-check-index = index: { $missing ->
    [one] 1 key missing
   *[other] { $missing } keys missing
  }, { $stale ->
    [one] 1 key stale
   *[other] { $stale } keys stale
  }, { $unreadable ->
    [one] 1 op unreadable
   *[other] { $unreadable } ops unreadable
  }; database applied up to byte { $applied } of { $bytes }
cli-check-rebuild-hint = run `kezek check --rebuild` to rebuild the database from the journal (the old one is moved aside)
cli-salvaged = salvaged { $dir }
cli-no-store = no store in { $dir }: check --data-dir (`kezek demo`, `kezek import`, `kezek restore` or the app make a new one)
cli-import-line = line { $line }
cli-import-column = column { $column }
cli-salvage-unreadable-view = {"  "}the database could not be read: only the journal's intact records were used
cli-salvage-restored = {"  "}{ $restored ->
    [one] 1 record
   *[other] { $restored } records
  } put back as the database held them, { $forgotten } taken out again, { $unreadable } unreadable left out
cli-salvage-kept = {"  "}kept: { $path }
cli-rebuild-moved = the old database was moved to { $path }
cli-compacted = database rewritten in order: { $before } MB before, { $after } MB after ({ $entries } entries, compared one by one)

## app safety

# A confirmation's keys: $yes and $no are the letters that answer it in this language.
confirm-answer-keys = { $yes } / Enter: yes · { $no } / Esc: no
# A command found the store held by another kezek (on a desk: almost always the app).
cli-in-use = The store in { $dir } is open in kezek on this desk: in the app, or in a command that is still running. Only one kezek at a time may have it open; nothing was read or changed.
cli-in-use-report = The same figures are in the app: r opens the dashboard (of all records on the list of events, of one event in its queue).
cli-in-use-export = To export from the app: r opens the dashboard, then x exports its figures and records.
cli-in-use-find = To find a person in the app: / on the list of events, in a queue or on a card.
cli-in-use-slip = To write a slip from the app: open the event's queue, select the visit, press s.
cli-in-use-check = Close the app first (q on the list of events), then run kezek check again.
cli-in-use-import = To import from the app: i on the list of events.
cli-in-use-demo = Close the app first, then run this command again.
cli-in-use-app = Switch to the window where it is open, or close that one first.

## Backup from the app
screen-backup = Backup
key-backup = write a backup of every record to a file (a USB stick is fine)
hint-backup = backup
field-backup-path = Write to
hint-backup-path = a full path, e.g. /media/usb/kezek-backup.kzb
backup-how = One file with every record, written while work goes on. Enter writes it; it appears under its name only when it is complete. Restore it with: kezek restore FILE --data-dir NEW-FOLDER
backup-running = Writing the backup…
backup-cancelling = Cancelling…
backup-progress = { $done } { $done_unit } of { $total } { $total_unit }
backup-keep = Keep it away from this computer. Esc goes back.
backup-failed = Backup not written, nothing was left under that name: { $reason }
flash-backup-written = Backup written: { $path }, records: { $records }, { $size } { $unit }
flash-backup-failed = Backup not written; the dialog says why.
flash-backup-cancelled = Backup cancelled; nothing was written.
err-backup-denied = that folder may not be written to; choose another
err-backup-no-folder = that folder does not exist (is the USB stick plugged in?)
err-backup-disk-full = that disk is full; free some space there or choose another place
err-backup-read-only = that disk is read-only
err-backup-inside-store = that is inside the data directory, where the copy would replace the store or be lost with it; choose a place outside it (a USB stick)
err-backup-not-a-file = that is not a file (a folder, a device or a pipe); type the name of a file
unit-bytes = B
unit-kb = KB
unit-mb = MB
unit-gb = GB

## Salvage from the app
confirm-salvage-title = Salvage the damaged store?
confirm-salvage = kezek closes the store for a moment and writes a new journal from every intact frame of the old one, plus every record the database still holds whose frames are damaged or missing. The old journal and database are kept beside the new ones (nothing is deleted). The open form stays as it is. Salvage now?
salvage-running-title = Salvaging…
salvage-running = The store is closed while a new journal is written and checked. Please wait.
salvage-done-title = Salvage finished
salvage-done = Records in the store: { $records }. From intact journal frames: { $intact } operations; put back as the database held them: { $restored } records.
salvage-kept = Kept: { $path }
salvage-verified = The new journal checks out: saving works again.
salvage-not-verified = The new journal still does not check out: nothing is saved. Close kezek and run kezek check.
salvage-failed-title = Salvage not done
salvage-failed = Nothing was moved and the old files are as they were: { $reason }
salvage-close = Any key closes this.
flash-salvage-wait-job = Finish or cancel the running export, import or backup first, then press F6.
err-salvage-busy = the store is still in use by a running job; wait a moment and press F6 again
err-salvage-reopen = the store could not be opened again: close kezek and run kezek check --salvage

## The member being edited keeps its person
suggest-fixed = The person is edited on their card
flash-nothing-changed = Nothing changed, so nothing was saved.
flash-still-saving = Still saving — one moment: the answer will show here.
flash-saved-late = Saved. The form was closed before the answer came; the lists are read again.
## Settings and the first start
screen-settings = Settings
screen-first-start = Welcome to kezek: this desk
settings-about = What this desk is called, its letter before queue numbers, who works here and the language. Saved into the config file, so they hold at the next start.
settings-first-start = Before the first arrival: name this desk, give it a letter (A, B, …: every desk at one event its own, so queue numbers never collide: A-017, B-017) and say who works here. Esc keeps the defaults for now.
field-desk-name = Desk name
field-desk-letter = Desk letter
hint-desk-letter = one letter, A to Z, before queue numbers
field-officer = Officer
hint-officer = who works at this desk (empty: the desk name)
field-interface-language = Language
err-desk-letter = the desk letter is one Latin letter, A to Z
flash-settings-saved = Saved: settings written to the config file.
what-settings = settings
key-settings = settings: desk name, desk letter, officer, language

## Correcting a person's details (e on the person card)
screen-person-edit = Person's details
key-edit-person = correct the person's details (the old version is kept)
hint-edit-person = details
flash-person-saved = Saved: { $name }. The earlier details are in the card's history.
what-person = person's details
card-person-versions = Changes to the details ({ $count })

## Anonymised exports (ANONYMIZED.txt)
anon-k = Safe in small groups: every published combination of the quasi-identifiers describes at least { $k } persons (k = { $k }).
anon-quasi = Quasi-identifiers: region, city, sex, age band, and the events a person came to (event id, date, city, venue, UTC offset); one age band per person, at their last visit of the period.
anon-suppressed = A suppressed cell is written as "*". Each level suppresses what the one before did and more; a person's rows are published at the first level where their group holds at least k persons.
anon-published = Level { $level } ({ $how }): { $count } persons published
anon-level-0 = nothing suppressed
anon-level-1 = city suppressed
anon-level-2 = city and region suppressed
anon-level-3 = city and region suppressed, age band coarsened to 0-17, 18-34, 35-54, 55+
anon-level-4 = city, region and age band suppressed
anon-level-5 = city, region, age band and sex suppressed
anon-level-6 = city, region, age band, sex and the event columns suppressed
anon-withheld = Withheld (none of their rows is in this export): { $count } persons
anon-none-published = Nobody could be published: every person of the export is in a group of fewer than k, so it holds no record of anyone.
anon-removed = Removed (columns left empty): surname, given name, patronymic, birth date, document, phone, purpose of visit, queue number, arrival time, waiting time, consultation time, notes and advice, officer, appeal title and respondent. Suppressed ("*"): an appeal's dates and host city, and a consultation's follow-up dates wherever its event is suppressed.
anon-pseudonymised = Pseudonymised, the same across the tables of this export only and drawn at random for each export: persons P…, visits V…, consultations C…, appeals A…, appeal members M…, each a letter and 8 digits. The rows of every table are in a random order.
anon-coarsened = Coarsened: birth date to age band. Not protected: what a row says beyond the quasi-identifiers (topics, outcomes, amounts, language) is published as it is.
cli-check-hash = view hash: { $hash }
cli-bundle-written = bundle written to { $path }: { $ops } ops, { $bytes } bytes, desk { $desk } ({ $seconds } s)
cli-bundle-read = { $path }: desk { $desk }, new ops: { $new }
cli-bundle-own = { $path }: this desk's own bundle, passed over
cli-bundle-ops = new ops: { $new }; already on this desk: { $known }
cli-bundle-persons = persons: { $new } new, { $changed } changed
cli-bundle-visits = visits: { $new } new, { $changed } changed
cli-bundle-consultations = consultations: { $new } new, { $changed } changed
cli-bundle-appeals = collective appeals: { $new } new, { $changed } changed
cli-bundle-members = appeal members: { $new } new, { $changed } changed
cli-bundle-events = reception events: { $new } new, { $changed } changed
cli-bundle-moves = queue moves: { $moves }; person merges: { $merges }
cli-bundle-conflicts = conflicts: { $n } (records changed here and on another desk from the same version; both versions are kept, the later change shows)
cli-bundle-nothing = nothing new: this desk already holds every op in it
cli-bundle-dry-run = dry run: nothing was written
cli-bundle-merged = merged into this store as one batch ({ $seconds } s)
cli-bundle-this-desk = this desk: { $desk } ({ $name }, letter { $letter })
cli-bundle-desk-held = desk { $desk } ({ $name }, letter { $letter }): records up to { $at }
cli-bundle-look-alikes = new persons who look like persons on this desk: { $n } (merge them on the person card, Shift+M, after checking)
cli-bundle-look-alike = { $new } ({ $id }) — { $here } ({ $here_id }): { $why }
cli-bundle-look-alikes-more = … and { $n } more
cli-bundle-clock-suspect = ops dated more than the allowed skew ahead of this desk's clock: { $n } (a laptop with a wrong date? they are merged, but this desk's clock does not follow them)
cli-in-use-bundle = Close the app first (q on the list of events), then run kezek bundle import again. A bundle export needs no closing: it works while the app is open.
cli-bundle-not-for-us = { $path }: made for another desk (it leaves out ops this desk may lack), passed over
cli-bundle-own-recovered = ops of this desk's own that its journal lacked (a restored backup?), merged back: { $n }
cli-bundle-view-behind = the ops are in the journal (nothing is lost), but the database could not take them all (is the disk full?); free some space: the next start or save brings it up to date
screen-exchange = Exchange with other desks
key-exchange = exchange records with the other desks by USB stick: send this desk's, merge theirs
field-exchange-what = Do
exchange-what-merge = merge the bundles on the stick into this desk
exchange-what-send = write this desk's records to the stick
field-exchange-path = Folder or file
hint-exchange-path = the stick's folder, e.g. /media/usb (every desk writes its bundle there)
exchange-how = Merge: Ctrl+S shows what the bundles in the folder would bring; Enter then merges them, all at once. Send: Ctrl+S writes this desk's bundle into the folder (it appears under its name only when it is complete).
exchange-busy = Working…
exchange-sent = Written: { $path }, ops: { $ops }, { $size } { $unit }. Take the stick to the next desk.
exchange-failed = Nothing was written or merged: { $reason }
exchange-ops = Bundles: { $bundles }; new ops: { $new }; already here: { $known }; passed over: { $passed }
exchange-kinds = New persons: { $persons }, visits: { $visits }, consultations: { $consultations }, appeals: { $appeals }; records changed: { $changed }
exchange-conflicts = Changed here and on another desk from the same version: { $n } (both versions kept; the later change shows; c on the Reception events screen lists them)
exchange-look-alikes = New persons who look like persons on this desk: { $n } (c on the Reception events screen lists them; Shift+M there merges a pair after checking)
exchange-clock-suspect = Ops dated further ahead of this desk's clock than clock_skew_minutes allows: { $n } (a laptop with a wrong date?)
exchange-enter-merges = Enter merges them into this desk.
exchange-merged = Merged into this desk as one batch.
exchange-nothing = Nothing new: this desk already holds every op in them.
exchange-view-behind = The ops are in the journal (nothing is lost), but the database could not take them all: is the disk full? Free some space and restart kezek.
flash-bundle-written = Bundle written: { $path } ({ $ops } ops)
flash-bundle-merged = Merged: { $ops } ops from the other desks
flash-bundle-view-behind = Merged into the journal, but the database is behind (disk full?)
flash-bundle-failed = Not done: see why on the exchange screen
flash-clock-behind = This laptop's clock is { $minutes } min behind its last saved record: check its date and time before going on
cli-conflicts-none = no conflicts: no record was changed on two desks without one seeing the other's change
cli-conflicts-suspects = records changed by an op dated more than the allowed skew ahead of this desk's clock: { $n } (check that laptop's date; kezek bundle resolve ID --keep shown marks one looked at)
cli-conflicts-suspect = { $id } ({ $name }), desk { $desk }, dated { $at }
cli-conflicts-look-alikes = new persons a merge brought who look like persons on this desk: { $n } (merge them on the person card, Shift+M, after checking)
cli-conflict-looked-at = { $id } is marked looked at; the record stays as it is
cli-conflicts-total = conflicts: { $n } (kezek bundle resolve ID --keep shown|other settles one)
cli-conflict-person = person { $id }, version { $rev }:
cli-conflict-consultation = consultation { $id }, version { $rev }:
cli-conflict-appeal = collective appeal { $id }, version { $rev }:
cli-conflict-member = appeal member { $id }, version { $rev }:
cli-conflict-money = an amount differs: choose which one stands
cli-conflict-field = { $field }: shown “{ $shown }”, also kept “{ $other }”
cli-conflict-who = shown: { $shown }; also kept: { $other }
cli-conflict-resolved = settled: { $id } is now version { $rev } on this desk (the other desks take it with the next bundle)
cli-conflict-not-found = { $id } is not in conflict (kezek bundle conflicts lists those that are)
cli-conflict-several = { $id } has { $n } versions from different desks: choose which one stands on the app's conflicts screen (c on Reception events), where each is its own row, or keep the one shown (--keep shown)

# The conflicts screen
screen-conflicts = Conflicts between desks
key-conflicts = records two desks changed without seeing each other's change, and records dated ahead of this laptop's clock
key-keep-shown = keep the version every desk shows (asks first); a clock-suspect record: mark it looked at
hint-keep-shown = keep shown
key-take-other = take the other version instead (asks first)
hint-take-other = take other
key-conflict-card = the card of the record's person
conflicts-title = Conflicts between desks ({ $count })
conflicts-none = No conflicts. When two desks change the same record without seeing each other's change, both versions are kept and listed here after a merge; so are records another desk dated ahead of this laptop's clock.
conflict-kind-person = Person
conflict-kind-consultation = Consultation
conflict-kind-appeal = Appeal
conflict-kind-member = Appeal member
conflict-flag-money = amount differs
conflict-flag-clock = clock-suspect
conflict-flag-no-conflict = no conflict
conflict-who = { $officer }, { $when } (version { $rev })
conflict-who-anon = { $when } (version { $rev })
conflict-shown = Shown on every desk: { $who }
conflict-other = Also kept: { $who }
conflict-field = { $field }: shown “{ $shown }”, other “{ $other }”
conflict-money = An amount differs: it is never settled by the rule alone. Check which is right before you choose.
conflict-clock = Dated { $when } by desk { $desk }: ahead of this laptop's clock when it was merged. Check the date and time on that laptop.
conflict-how = Enter keeps the version shown, s (swap) takes the other: either is saved as a new version that every desk takes with the next exchange.
conflict-how-seen = Enter marks it looked at; the record is not changed.
confirm-keep-shown-title = Keep the version shown?
confirm-keep-shown = Keep the version of “{ $name }” that every desk shows? It is saved as a new version and goes to the other desks with the next bundle.
confirm-take-other-title = Take the other version?
confirm-take-other = Take the other version of “{ $name }” instead of the one shown? It is saved as a new version and replaces the shown one on every desk after the next exchange.
confirm-suspect-seen-title = Looked at?
confirm-suspect-seen = Mark the record of “{ $name }” as looked at? It stays as it is; only this list forgets it.
flash-conflict-settled = Saved: the conflict is settled on this desk; the next bundle takes the choice to the others.
flash-conflict-gone = Nothing to settle: the record is no longer in conflict.
what-settle-conflict = Settling the conflict
key-merge-look-alike = merge the new person into the person on record they look like (asks first, both side by side)
conflict-flag-look-alike = looks like a person on record
conflict-look-alike = Looks like “{ $name }” on record here: { $why }.
conflict-how-look-alike = Shift+M merges the two (asks first, both side by side); Enter: not the same person.
confirm-not-same-title = Not the same person?
confirm-not-same = “{ $name }” is not the person on record they look like? Both stay as they are; only this list forgets them.
confirm-settle-money = The amounts differ: check the documents before you answer.
confirm-settle-several = This record has { $n } versions listed: one choice settles them all, and the ones not chosen stay in its history.
confirm-answer-letters = { $yes }: yes · { $no } / Esc: no
# Refusals of bundles (`kezek bundle`, the exchange screen).
err-bundle-not-a-bundle = { $path } is not a kezek bundle
err-bundle-newer = { $path } was written by a newer kezek (bundle format { $version }; this one reads { $reads }); update kezek on this desk
err-bundle-bad-version = { $path } says bundle format { $version }, which no kezek writes: it is damaged
err-bundle-damaged = { $path } is damaged or incomplete ({ $what }); write it again on the desk it came from
err-bundle-damage-cut = cut short
err-bundle-damage-checksum = its checksum does not match
err-bundle-damage-head = bad head
err-bundle-damage-frame = a bad op frame
err-bundle-damage-count = fewer or more ops than it says
err-bundle-damage-op = an op that cannot be read
err-bundle-too-large = { $path } is larger than a bundle can be (1 GiB)
err-bundle-from-this-desk = { $path } was written by this desk and holds nothing it lacks; bring the other desks' bundles
err-bundle-not-for-this-desk = { $path } was made for desk { $desk } (or for this desk from what it held before a restore): it leaves out ops this desk may lack; ask for a bundle made for this desk or with every op (`kezek bundle export` without --for)
err-bundle-unknown = { $path } refers to records that exist neither in it nor on this desk ({ $missing }; first: { $first }); bring the bundles of the desks it came through first
err-bundle-changed = the bundles changed since they were checked; nothing was merged: check them again
err-bundle-empty-folder = { $path } holds no bundle (*.{ $ext } files)
err-bundle-not-a-file = { $path } is not a file (a folder, a device or a pipe); type a file's name
err-bundle-inside-store = { $path } is inside the data directory; write the bundle somewhere else (a USB stick)
err-bundle-for-this-desk = { $desk } is this desk: a bundle made for it would leave out everything; give another desk's id (`kezek bundle desks` lists them) or no --for
err-bundle-desk-clash = { $path } comes from a desk of organisation { $other } whose id { $desk } is known here as a desk of { $known }: one of the two stores is a copy of the other (or the code was changed); nothing was merged. Give the copy a new store, or set its organisation back
cli-bundle-bad-desk = { $typed } is not a desk id (16 hex digits, as `kezek bundle desks` prints)
cli-bundle-bad-record-id = { $id } is not a record id (26 characters)
cli-in-use-conflicts = The app has the same: c on the list of events lists the conflicts and settles them. Or close the app first (q on the list of events) and run the command again.
