## kezek — кыргызча билдирүүлөр. Идентификаторлор en.ftl менен бирдей. Кыргыз тилинде
## сан атоочтон кийин зат атооч жекелик санда турат («5 обращение» эмес, «5 арыз»), ошон
## үчүн көптүк формалары көпчүлүк учурда бирдей.

app-name = kezek

## Header and footer
header-desk = Үстөл: { $desk }
header-officer = Кызматкер: { $officer }

## Screens
screen-events = Кабыл алуу күндөрү
screen-queue = Кезек
screen-event-form = Жаңы кабыл алуу күнү
screen-arrival-form = Жаңы келген жаран
events-empty = Кабыл алуу күндөрү азырынча жок. Түзүү үчүн n басыңыз.
queue-empty = Кезекте азырынча эч ким жок. Жаран келгенде n басыңыз.
queue-loading = Жүктөлүүдө…
queue-summary = Кезекте { $total } · { $waiting } күтүүдө · { $with } кызматкерде · { $done } кабыл алынды · { $left } кетти

## Columns
col-date = Күнү
col-city = Шаар
col-venue = Орун
col-hosts = Уюштуруучулар
col-no = №
col-arrived = Келди
col-person = Жаран
col-purpose = Максаты
col-desk = Үстөл
col-status = Абалы
col-waited = Күттү
queue-number = № { $number }
waited-minutes = { $minutes } мүн
waited-hours = { $hours } саат
waited-days = { $days } күн
waited-years = { $years } жыл

## Visit statuses
status-waiting = күтүүдө
status-with-officer = кызматкерде
status-done = кабыл алынды
status-left = кабыл алынбай кетти

## Form fields
field-event-date = Күнү
field-event-city = Шаар
field-event-venue = Орун
field-event-hosts = Уюштуруучу уюмдар
field-event-offset = UTC боюнча айырма
field-surname = Фамилиясы
field-given-name = Аты
field-patronymic = Атасынын аты
field-birth-date = Туулган күнү
field-sex = Жынысы
field-document = Документтин №
field-phone = Телефону
field-region = Кайсы облустан
field-city = Жашаган шаары
field-purpose = Келген максаты
field-language = Кабыл алуу тили
hint-date = ЖЖЖЖ-АА-КК же КК.АА.ЖЖЖЖ
hint-hosts = үтүр менен бөлүп
hint-offset = мисалы, +03:00
hint-phone = +996…, 0555…, +7…, 8…
form-required = * милдеттүү
form-saving = Сакталууда…
form-choice-hint = алгачкы тамгалар же ← → тандоо
suggest-title = Базада бар
suggest-none = Азырынча дал келген жок
suggest-keys = Ctrl+N/P тандоо · Ctrl+L алуу
suggest-linked = Базадагы жаран: { $name }
suggest-unlink = Ctrl+L: анын ордуна жаңы адам

## Choices
sex-unknown = көрсөтүлгөн эмес
sex-male = эркек
sex-female = аял
region-none = көрсөтүлгөн эмес
region-batken = Баткен облусу
region-chuy = Чүй облусу
region-issyk-kul = Ысык-Көл облусу
region-jalal-abad = Жалал-Абад облусу
region-naryn = Нарын облусу
region-osh = Ош облусу
region-talas = Талас облусу
region-bishkek-city = Бишкек шаары
region-osh-city = Ош шаары
lang-ky = кыргызча
lang-ru = орусча
lang-en = англисче

## Validation
err-required = милдеттүү талаа
err-too-long = өтө узун (эң көп 200 белги)
err-too-long-hosts = өтө узун (бардык уюштуруучуларга эң көп 1000 белги)
err-too-long-note = өтө узун (эң көп 8000 белги)
err-too-long-document = өтө узун (эң көп 30 белги)
err-too-long-phone = өтө узун (эң көп 24 белги)
err-too-long-short = өтө узун (эң көп 32 белги)
err-date-two-digit-year = жылды төрт сан менен жазыңыз (24.11.2026, 24.11.26 эмес)
err-date-year-range = жыл 1900 менен 2100дүн ортосунда болушу керек
err-date-format = ЖЖЖЖ-АА-КК же КК.АА.ЖЖЖЖ түрүндө жазыңыз
err-date-future = келечектеги күн болушу мүмкүн эмес
err-date-too-old = 1900-жылдан мурун
err-document-charset = тамгалар жана сандар гана
err-document-length = 5тен 20га чейин тамга жана сан
err-phone-charset = сандар, боштуктар, + - ( ) гана
err-phone-country = өлкө белгисиз: +996…, 0…, +7… же 8… деп териңиз
err-offset-format = +03:00 түрүндө

## Errors from the store, shown in the interface language
err-disk-full = диск толду; орун бошотуңуз (жазуу сакталган жок)
err-view-behind = сакталган жок, эч нерсе жазылган жок: маалымат базасын жаңыртуу мүмкүн болгон жок (диск толдубу?); орун бошотуп, программаны жаап, кайра ачыңыз
banner-store-damaged = БУЗУЛГАН, эч нерсе сакталбайт: F6 — калыбына келтирүү (эски файлдар калат)
err-store-damaged = сактагыч бузулган, ошондуктан мындан ары эч нерсе жазылбайт: калыбына келтирүү үчүн F6 басыңыз (бардык эски файлдар сакталат), же программаны жаап, «kezek check --salvage» аткарыңыз
err-already-member = бул жаран арызга мурунтан катышат
err-same-person = жазууну өзү менен бириктирүүгө болбойт
err-nothing-to-undo = жокко чыгара турган эч нерсе жок: келүү келгендей турат
err-undo-not-last = жокко чыгарылган жок: келүү андан бери кайра жылдырылды
err-merged-since = ажыратылган жок: бул жазуу андан бери башкасы менен бириктирилди; адегенде аны ажыратыңыз
err-not-found = бул жазуу мындан ары жок
err-store-in-use = бул маалымат папкасын башка kezek ачып турат; адегенде аны жабыңыз

## Messages in the footer
flash-event-saved = Сакталды: кабыл алуу күнү түзүлдү.
flash-arrival-saved = Сакталды: № { $number } — { $name }.
flash-arrival-twice = Сакталды: № { $number } — { $name }. Көңүл буруңуз: бүгүнкү кезекте № { $earlier } болуп турат.
flash-status-saved = Сакталды: № { $number } эми «{ $status }».
flash-cannot-move = № { $number } «{ $from }» абалынан «{ $to }» абалына өтө албайт.
key-undo = тандалган келүүнүн акыркы жылышын жокко чыгаруу (тарыхта калат)
flash-undone = «{ $undone }» жокко чыгарылды: № { $number } кайра «{ $status }».
flash-nothing-to-undo = Жокко чыгара турган эч нерсе жок: № { $number } келгенден бери жылдырылган жок («{ $status }»).
what-undo = жокко чыгаруу
flash-fix-fields = Сакталган жок: белгиленген талааларды оңдоңуз.
flash-failed = Сакталган жок ({ $what }): { $reason }
flash-language = Интерфейс тили: { $language }.
what-load = жүктөө
what-create-event = жаңы кабыл алуу күнү
what-arrival = келген жаран
what-status = кезектеги абалы
what-search = издөө

## Overlays
help-title = Баскычтар — { $screen }
help-close = каалаган баскыч жабат
confirm-discard-title = Сакталбаган маалымат
confirm-discard = Формадан чыгып, терилгенди жоготосузбу?
confirm-quit-title = Сакталбаган маалымат
confirm-quit = программадан чыгып, бул формада терилгенди жоготосузбу?
locked-title = Экран кулпуланды
locked-body = Жеке маалыматтарды коргоо үчүн { $minutes } мүнөт аракетсиз турганда кулпуланды.
locked-keys = Улантуу үчүн Enter басыңыз.
too-small = Терминал өтө кичине: { $width }×{ $height }. kezek үчүн жок дегенде { $need_width }×{ $need_height } керек.

## Key help
key-open-event = тандалган күндүн кезегин ачуу
key-new-event = жаңы кабыл алуу күнү
key-up = өйдө
key-down = ылдый
key-help = баскычтарды көрсөтүү
key-quit = программадан чыгуу
key-new-arrival = жаңы келген жаран
key-call = чакыруу: күтүүдө → кызматкерде
key-done = кабыл алынды: кызматкерде → кабыл алынды
key-left = кабыл алынбай кетти
key-return = кезекке кайтаруу
key-page-up = бет өйдө
key-page-down = бет ылдый
key-top = биринчи сап
key-bottom = акыркы сап (эң жаңы)
key-back-events = кабыл алуу күндөрүнө
key-save = сактоо
key-enter-next = кийинки талаа; акыркысында — сактоо
key-enter-import = файлды текшерүү; катасыз текшерүүдөн кийин — импорттоо
key-next-field = кийинки талаа
key-prev-field = мурунку талаа
key-next-suggestion = кийинки дал келүү
key-prev-suggestion = мурунку дал келүү
key-use-suggestion = тандалган дал келүүнү алуу / же жаңы адам
key-cancel-form = формадан чыгуу (бир нерсе терилген болсо сурайт)
key-close-help = жардамды жабуу
key-yes = ооба
key-no = жок
key-unlock = кулпуну ачуу

## Footer hints (short)
hint-open = ачуу
hint-new = жаңы
hint-help = жардам
hint-quit = чыгуу
hint-call = чакыруу
hint-done = бүттү
hint-left = кетти
hint-back = күндөр
hint-save = сактоо
hint-next-field = кийинки
hint-clear = тазалоо
hint-cancel = жокко чыгаруу
hint-language = тил

## Money and consultation validation
err-money-negative = сумма терс болбойт
err-money-invalid = сумма эмес: сандар, миңдердин ортосунда боштук, тыйындын алдында , же .
err-money-ambiguous = так эмес: миңдер үчүн 1250 же 1 250, бөлчөк үчүн 1,25 деп жазыңыз
err-money-precise = бөлгүчтөн кийин эң көп эки сан
err-money-large = сумма өтө чоң (эң көп 10 000 000 000)
err-money-currency = суммада башка валюта: аны тандаңыз
unit-rub = рубль
unit-kgs = сом
unit-kzt = теңге
unit-usd = доллар
err-unknown-code = колдонулуп жаткан классификатордо жок
err-no-topic = жок дегенде бир теманы тандаңыз

## Appeal members
member-active = катышууда
member-recovered = акчасын алды
member-withdrawn = баш тартты

## Consultations
screen-consultation = Консультация
consultation-title = № { $number } · { $version }
consultation-new = жаңы консультация
consultation-edit = оңдоо (мурунку версиясы сакталат)
consultation-side = Баскычтар
consultation-keys-1 = Tab: кийинки талаа
consultation-keys-2 = Enter: эскертмеде жаңы сап
consultation-keys-3 = Ctrl+S: сактоо · Esc: чыгуу
field-topics = Темалар
field-notes = Эскертмелер
field-advice = Берилген кеңеш
field-outcome = Жыйынтыгы
field-referral = Жөнөтүлдү
field-legal-bases = Укуктук негизи
field-follow-up = Көзөмөл күнү
field-claimed = Талап кылынган
field-recovered = Өндүрүлгөн
field-currency = Валюта
field-closed-on = Жабылган күнү
hint-topics = Боштук теманы тандайт; чыпкалоо үчүн териңиз
hint-picker = ↑ ↓ жылдыруу · Боштук тандоо · чыпка үчүн териңиз · Tab кийинки
hint-text-area = Enter: жаңы сап · Tab: кийинки талаа
hint-amount = мисалы, 11 000 000 же 1 250,50
value-none = —
picker-type-to-filter = чыпкалоо үчүн териңиз
picker-filter = чыпка: { $filter }
picker-no-match = эч нерсе табылган жок
flash-consultation-saved = Сакталды: { $name } үчүн консультация.
what-consultation = консультация
what-draft = долбоор
what-follow-up = көзөмөл

## Drafts
confirm-restore-title = Сакталбаган форма табылды
confirm-restore = kezek токтогондо форма толтурулуп жаткан ({ $when }). Калыбына келтиресизби?
flash-draft-orphan = Сакталбаган форма жок болгон кабыл алуу күнүнө тиешелүү эле; ал өчүрүлдү.
flash-draft-unreadable = Өткөндө сакталбай калган форманы окуу мүмкүн болгон жок; файл { $path } деп сакталды.

## Follow-ups
screen-follow-ups = Көзөмөл
screen-close-follow-up = Көзөмөлдү жабуу
follow-ups-title = Көзөмөл — { $open } ачык, { $overdue } мөөнөтү өткөн, { $week } жакынкы 7 күндө
follow-ups-empty = Ачык көзөмөл жок.
follow-ups-none-match = Бул тандоого эч нерсе туура келбейт: Tab, t же o аны өзгөртөт.
follow-ups-none-this-week = Жакынкы 7 күндө мөөнөт жок, бирок мөөнөтү өткөнү: { $overdue }. Tab аларды көрсөтөт.
follow-ups-filter = Көрсөтүлгөнү { $due }: { $count } · тема: { $topic } · кызматкер: { $officer }
follow-ups-due-week = мөөнөтү жакынкы 7 күндө
follow-ups-due-overdue = мөөнөтү өткөн, акыркылары биринчи
follow-ups-due-all = баары, келе жаткандары биринчи
follow-ups-any = баары
col-due = Мөөнөтү
col-who = Жаран же арыз
col-topic = Тема
col-outcome = Жыйынтыгы
col-claimed = Талап
flash-follow-up-closed = Сакталды: көзөмөл жабылды.

## Person card
screen-person-card = Жарандын картасы
card-lines = саптар { $from }–{ $to } / { $total } · PgUp PgDn Home End
card-visits = Келүүлөр ({ $count })
card-consultations = Консультациялар ({ $count })
card-appeals = Жамааттык арыздар ({ $count })
card-claimed = талап { $amount }
card-recovered = өндүрүлдү { $amount }
card-follow-up-open = көзөмөл { $date }
card-follow-up-closed = көзөмөл { $date } (жабык)
card-version = { $version }-версия, { $officer }

## Keys (consultations, follow-ups, card)
key-new-line = жаңы сап
key-clear-field = талааны толук тазалоо
key-put-back = Ctrl+U өчүргөндү кайтаруу
key-line-up = жогорку сапка
key-line-down = төмөнкү сапка
key-follow-ups = бардык күндөр боюнча көзөмөл
key-person-card = жарандын картасы
key-close-follow-up = көзөмөлдү жабуу (жыйынтык, өндүрүлгөн сумма, күнү)
key-edit-consultation = тандалган консультацияны оңдоо (мурунку версиясы сакталат)
key-back = артка
key-consultation = тандалган келүү үчүн жаңы консультация
hint-follow-ups = көзөмөл
hint-card = карта
hint-close = жабуу
hint-filter-due = мөөнөт
hint-filter-topic = тема
hint-filter-officer = кызматкер
key-filter-due = мөөнөтү жакынкы 7 күндөгүлөрдү, мөөнөтү өткөндөрдү (акыркылары биринчи) же баарын көрсөтүү
key-filter-topic = алардын ичинен кийинки теманы гана (акыркысынан кийин — бардык темалар)
key-filter-officer = кийинки кызматкердикин гана (акыркысынан кийин — баары)
field-close-note = Эскертүү
hint-close-note = эмне менен бүттү (консультациянын эскертүүлөрүнө кошулат)
hint-edit = оңдоо
hint-back-short = артка
hint-consultation = кеңеш

## Consultation slip
slip-title = Консультация жөнүндө эскертме
slip-date = Күнү
slip-place = Орун
slip-desk = Сиздин номериңиз
slip-person = Аты-жөнү
slip-consultation = Консультация
slip-consultation-n = { $n }-консультация
slip-topics = Суроо
slip-advice = Сизге эмне түшүндүрүлдү
slip-legal-basis = Кайсы мыйзамдар колдонулат
slip-referral = Кайда кайрылуу керек
slip-contact-address = Дареги
slip-contact-phone = Телефону
slip-contact-hours = Иштөө убактысы
slip-contact-website = Сайты
slip-outcome = Эми эмне болот
slip-outcome-advised = Эми алган түшүндүрмө боюнча өзүңүз аракет кыла аласыз.
slip-outcome-referred = Сизди жөнөткөн уюмга ушул эскертме жана документтериңиз менен барыңыз.
slip-outcome-appeal-filed = Сиздин иш боюнча арыз берилди; жообу тууралуу сизге кабарлашат.
slip-outcome-resolved = Сиздин маселеңиз чечилди.
slip-outcome-no-action = Бул жерде бул маселе боюнча жардам берүү мүмкүн болгон жок.
slip-next-step = Качан кайра келүү керек
slip-no-consultation = Бул келүү боюнча консультация жазылган эмес.
slip-footer = Бул эскертмени сактап коюңуз. Кайра келгенде аны жана документтериңизди ала келиңиз.
key-slip = тандалган келүү үчүн консультация эскертмеси (маалымат папкасындагы slips/ ичине)
flash-slip-written = Эскертме жазылды: { $path } · S — басып чыгаруу
key-print-slip = тандалган келүүнүн эскертмесин басып чыгаруу: slips/ ичиндеги барак, принтер (lp) болсо ага жөнөтүлөт
flash-slip-printed = Эскертме принтерге жөнөтүлдү: { $path }
flash-slip-no-printer = Бул компьютерде басып чыгаруу буйругу (lp) жок. Эскертме { $path } ичинде: басып чыгаруу үчүн аны браузерде ачыңыз
flash-slip-print-refused = Принтер эскертмени кабыл алган жок ({ $reason }). Ал { $path } ичинде: басып чыгаруу үчүн аны браузерде ачыңыз
what-slip = эскертме

## Collective appeals and history
screen-appeal = Жамааттык арыз
screen-appeal-new = Жаңы жамааттык арыз
screen-appeal-new-from = Консультациядан жаңы жамааттык арыз: { $name }
screen-appeal-edit = Арыздын маалыматтары
screen-member-new = «{ $appeal }» арызына жаран кошуу
screen-member-edit = «{ $appeal }» арызындагы жаран
screen-history = Тарых
appeals-title = Жамааттык арыздар ({ $count })
appeals-join-title = Консультация үчүн арызды тандаңыз ({ $name }): Enter — кошулуу, n — жаңы
appeals-empty = Жамааттык арыздар азырынча жок. n — жаңы арыз.
appeal-persons = Арызда { $persons } жаран; алардын { $recovered_persons } акчасын алды
appeal-amounts = Талап { $claimed } · өндүрүлдү { $recovered }
appeal-no-members = Бул арызда азырынча эч ким жок. m — жаран кошуу.
appeal-history = Тарых (жаңысы үстүндө; h — баары)
col-opened = Ачылды
col-appeal = Арыз
col-respondent = Иш берүүчү / жоопкер
col-persons = Жарандар
col-member = Жаран
col-recovered = Өндүрүлдү
field-appeal-title = Аталышы
field-respondent = Иш берүүчү / жоопкер
field-appeal-topic = Тема
field-host-city = Шаар (кабыл алуучу өлкө)
field-member-status = Абалы
field-appeal = Жамааттык арыз
history-created = түзүлдү
history-version = { $version }-версия
history-member-added = кошулду: { $name }
history-member-changed = өзгөртүлдү: { $name }
history-linked = байланышты
flash-appeal-saved = Сакталды: «{ $title }» арызы.
flash-appeal-joined = Сакталды: консультация арызга кошулду; жаран анын катышуучусу.
flash-member-saved = Сакталды: { $name } арызда.
what-appeal = жамааттык арыз
what-member = арыздын катышуучусу
key-appeals = жамааттык арыздар
hint-appeals = арыздар
key-appeal = консультациянын жамааттык арызын ачуу, же тандоо же жаңысын ачуу
hint-appeal = арыз
key-history = бардык мурунку версиялар: ким, эмнени, качан өзгөрткөн
hint-history = тарых
key-open-appeal = арызды ачуу (же консультация үчүн тандаганда — ага кошулуу)
key-new-appeal = жаңы жамааттык арыз
key-add-member = жаран кошуу (каттоодогудай издеп) өз суммалары менен
hint-add-member = кошуу
key-edit-member = тандалган жарандын суммаларын же абалын өзгөртүү (мурунку версиясы сакталат)
key-edit-appeal = арыздын аталышын, жоопкерин, темасын, шаарын же көзөмөл күнүн өзгөртүү
hint-details = маалымат
key-member-card = тандалган жарандын картасы
key-scroll-up = өйдө жылдыруу
key-scroll-down = ылдый жылдыруу
key-open-follow-up = жарандын картасын ачуу (арыз болсо — арызды)

## Person search, look-alikes, merge
screen-search = Жаранды издөө
screen-appeals = Жамааттык арыздар
screen-member = Арыздагы жаран
field-search = Издөө:
search-hint = ат каалаган жазылышта (каалаган тартипте, баш тамгалар), документ же телефон
search-found = { $count } адам, эң жакыны биринчи
search-found-first = табылган { $count } адамдын алгачкы { $shown }, эң жакыны биринчи; тагыраак жазыңыз
cli-find-none = { $query } боюнча эч ким табылган жок
cli-find-first = табылган { $count } адамдын алгачкы { $shown } (эң жакыны биринчи); баарын --limit { $limit } көрсөтөт
search-none = Эч ким табылган жок. Жазылышын текшериңиз же документ, телефон менен издеңиз.
search-too-short = Документ алгачкы { $min } белгиси менен, телефон алгачкы { $min } цифрасы менен изделет.
search-searching = Изделүүдө…
search-merge-title = { $name } менен бириктирүү үчүн кайталанган жазууну тандаңыз
col-birth = Туулган
col-document = Документ
col-phone = Телефон
key-search = жаранды издөө (каалаган жазылыш, документ, телефон)
hint-search = издөө
key-search-open = жарандын картасын ачуу (бириктирүүдө — тандалганды бириктирүү)
key-merge = бул жарандын кайталанган жазуусун ушул картага бириктирүү
suggest-look-alikes = Базада барбы?
suggest-look-alike-keys = Ctrl+L: ушул адам · Ctrl+S дагы: жаңы адам
likeness-document = ошол эле документ
likeness-phone = ошол эле телефон
likeness-birth-name = туулган күнү бирдей, аты окшош
flash-look-alikes = Азырынча сакталган жок: базадагы адамга окшош. Ctrl+L — аны алуу; Ctrl+S дагы — жаңы адам.
flash-merged = Бириктирилди: { $moved } келүү, консультация жана катышуу ушул жаранга өттү; кайталанган жазуу тарыхта сакталды.
what-merge = бириктирүү
confirm-merge-title = Кайталанган жазууларды бириктиресизби?
confirm-merge = «{ $gone }» жазуусун «{ $into }» менен бириктиресизби? { $gone } ээсинин бардык келүүлөрү, консультациялары жана арыздары { $into } жазуусуна өтөт; кайталанган жазуу картада калат.
confirm-merge-name = Аты-жөнү
confirm-merge-stays = Калат (карта)
confirm-merge-goes = Дубликат (ага кошулат)
confirm-merge-differs = айырмаланат
card-merged = Ушул жаранга бириктирилди: { $name } ({ $details }), { $date }, { $officer }
key-unmerge = ушул жаранга акыркы бириктирилген жазууну ажыратуу
what-unmerge = ажыратуу
flash-unmerged = Ажыратылды: { $name } кайра өз картасында ({ $moved } жазуу кайтты).
flash-nothing-to-unmerge = Ажырата турган эч нерсе жок: { $name } жазуусуна эч ким бириктирилген эмес.
confirm-unmerge-title = Жазууларды ажыратасызбы?
confirm-unmerge = «{ $gone }» жазуусун «{ $into }» жазуусунан ажыратасызбы? { $date } күнү ({ $officer }) бириктирилген жазуу мурункудай кайтып келет, бириктирүү өткөргөн келүүлөрү, консультациялары жана арыздары менен; андан кийин { $into } жазуусуна кошулгандар калат.
confirm-unmerge-latest = Бул ушул жаранга кошулган { $count } бириктирүүнүн акыркысы; мурункулары калат.
confirm-unmerge-comes-back = Кайтат (өз картасы)
card-unmerged = Ажыратылды { $date }, { $officer }: { $name } ({ $merged } бириктирилген) кайра өз картасында
card-undone = ↶ жокко чыгарылды { $when }: «{ $undone }» → кайра «{ $status }», { $officer }

## Reports
report-title = Жыйынтык — { $period }
report-all = бардык жазуулар
summary-visits = { $persons } жарандан { $visits } келүү; { $served } кабыл алынды, { $left } кабыл алынбай кетти.
summary-waiting = Күтүү: медиана { $median } мүн; 90% { $p90 } мүнөттүн ичинде чакырылды.
summary-topic-appeals = { $topic }: { $persons } жарандан { $appeals } арыз
summary-recovered = ; { $persons } жаран { $amount } алды.
summary-topic = { $topic }: { $persons } жаранга { $consultations } консультация.
summary-follow-ups = Көзөмөл: { $open } ачык, { $overdue } мөөнөтү өткөн.
report-topics = Темалар боюнча консультациялар
report-consultations = Консультациялар
report-persons = Жарандар
report-appeals = Арыздар
report-appeal-persons = Арыздардагы жарандар
report-persons-recovered = Акчасын алгандар
report-outcomes = Жыйынтыгы боюнча
report-referrals = Жөнөтүү боюнча
report-regions = Кайсы облустан
report-sexes = Жынысы
report-ages = Жаш курагы
report-age-unknown = белгисиз
report-topic-outcomes = Темалар жана жыйынтыктар боюнча консультациялар
report-age-sex = Келгендер жаш курагы жана жынысы боюнча
report-events = Кабыл алуу күндөрү боюнча
report-suppressed-note = Аноним: жыйынтыктагы, көрсөткүчтөрдөгү, таблицалардагы жана диаграммалардагы ар бир сан { $base } эселенген санга чейин өйдө же ылдый кокустан тегеректелет, кичинелери да (ошондуктан 0 бир нече адамды билдириши мүмкүн); бир эле чыныгы сан бардык жерде жана ар бир экспортто бирдей тегеректелет, ошондуктан суммалар жыйынтыкка так дал келбеши мүмкүн жана таблицалардын эч бир тобун алардан так эсептеп чыгарууга болбойт. { $k } адамдан аз облустар, жыныстар жана курак топтору аталбайт, «Башкалар (чакан топтор)» деп бирге эсептелет; акчанын суммалары эки маанилүү цифрага чейин жана { $k } адамдан кем эмес топтун жанында гана көрсөтүлөт; күтүү убактысы { $k } келгенден кем эмес болсо гана. Жазуулардын таблицалары болсо, алар жарыяланган саптарды так көрсөтөт.
anon-other = Башкалар (чакан топтор)
report-charts = Диаграммалар
report-chart-topics = Темалар жана жыйынтыктар боюнча консультациялар
report-chart-regions = Келгендер облустар боюнча
report-chart-age-sex = Келгендер жаш курагы жана жынысы боюнча
report-chart-events = Кабыл алуу күндөрү боюнча келүүлөр
report-chart-suppressed = көрсөтүлгөн жок: { $k } адамдан аз
report-totals = Жыйынтыктар
report-figure = Көрсөткүч
report-value = Мааниси
report-visits = Келүүлөр
report-visitors = Келгендер (ар башка адамдар)
report-served = Кабыл алынды
report-left = Кабыл алынбай кетти
report-wait-median = Күтүү, медиана (мүн)
report-wait-p90 = Күтүү, 90-процентиль (мүн)
report-open-follow-ups = Ачык көзөмөл
report-overdue-follow-ups = Мөөнөтү өткөн көзөмөл
report-rules = Эсептөө эрежелери: адам мезгил ичинде бир жолу эсептелет; арыз бир жолу эсептелет, анын жарандары — баш тартпаган катышуучулары; ар бир акчалай талап бир жолу эсептелет (арыздын катышуучусунуку же арыздан тышкаркы консультациянын). Толугураак README ичинде.

## Import
import-unknown-column = белгисиз тилке (`kezek export` чыгарган келүүлөр таблицасы англисче, орусча же кыргызча баш аттары менен күтүлөт)
import-missing-column = милдеттүү тилке жок
import-bad-id = kezek идентификатору эмес
import-unknown-region = белгисиз облус (osh, chuy, bishkek-city сыяктуу код же облустун аты)
import-bad-sex = белгисиз жыныс (male, female, м, ж же бош)
import-bad-time = убакыт эмес (ЖЖЖЖ-АА-КК СС:ММ, КК.АА.ЖЖЖЖ СС:ММ же СС:ММ)
import-bad-status = белгисиз абал (done, left, waiting, with-officer)

import-bad-currency = белгисиз валюта (RUB, KGS, KZT же USD)
import-unknown-visit = мындай келүү папканын келүүлөр таблицасында да, базада да жок
import-unknown-appeal = мындай арыз папканын арыздар таблицасында да, базада да жок
import-unknown-person = мындай жаран папканын жарандар таблицасында да, базада да жок
import-duplicate-id = ушул эле идентификатор башка сапта да бар (экөө тең көрсөтүлдү): идентификаторлор кайталанбашы керек
import-not-utf8 = файлдын коддолушу аныкталбады: аны таблицада ачып, «CSV UTF-8» катары сактап, ошол файлды импорттоңуз
import-bad-queue-no = кезек номери эмес (1ден 99999га чейинки бүтүн сан)
import-bad-waited = күтүү мүнөттөрү эмес (0дон 10080ге чейинки бүтүн сан, бир жума)

## Dashboard
screen-dashboard = Көрсөткүчтөр
key-dashboard-all = бардык жазуулар боюнча көрсөткүчтөр
key-dashboard-event = ушул кабыл алуу күнүнүн көрсөткүчтөрү
hint-dashboard = көрсөткүч
key-drill = тандалган саптын артындагы жарандар (анан Enter: картасы)
key-dash-section = кийинки таблица: темалар, жыйынтыктар, жөнөтүүлөр, облустар, жыныс, жаш
key-dash-section-back = мурунку таблица
hint-dash-section = таблица
hint-drill = жарандар
dash-visits = Келүүлөр { $visits } · келгендер { $persons }
dash-served = Кабыл алынды { $served } · кабыл алынбай кетти { $left }
dash-waiting = Күтүү: медиана { $median } мүн · 90% { $p90 } мүн ичинде
dash-consultations = Консультациялар { $consultations } ({ $persons } адам)
dash-appeals = Арыздар { $appeals } · аларда { $persons } адам
dash-claimed = Талап { $amount }
dash-recovered = Өндүрүлдү { $amount } ({ $persons } адам)
dash-follow-ups = Көзөмөл: { $open } ачык, { $overdue } мөөнөтү өткөн
dash-regions-more = … жана дагы { $count } (Tab)
dash-breakdowns-tab = Аймак, жыныс, курак: Tab.
dash-drill = { $topic }: { $count } адам (Enter: картасы, Esc: артка)
dash-drill-some = { $topic }: { $count } адам, алгачкы { $shown } көрсөтүлдү (Enter: картасы, Esc: артка)

## Export column headers (Russian and Kyrgyz exports; English keeps the codes). The import
## reads every language's headers back, so each must be unique within its language.
csv-visit-id = Келүүнүн идентификатору
csv-event-id = Кабыл алуу күнүнүн идентификатору
csv-event-date = Кабыл алуу күнүнүн датасы
csv-event-city = Шаар
csv-event-venue = Орун
csv-utc-offset = UTC айырмасы
csv-person-id = Адамдын идентификатору
csv-surname = Фамилиясы
csv-given-name = Аты
csv-patronymic = Атасынын аты
csv-birth-date = Туулган күнү
csv-age-band = Жаш курагы
csv-sex = Жынысы
csv-document = Документ
csv-phone = Телефон
csv-region = Облус
csv-city = Жашаган шаары
csv-queue-no = Кезектеги номери
csv-desk = Үстөл
csv-purpose = Келген максаты
csv-language = Кабыл алуу тили
csv-arrived = Келген убактысы
csv-status = Абалы
csv-waited-min = Күткөнү, мүн
csv-consultation-id = Консультациянын идентификатору
csv-created = Түзүлгөн
csv-officer = Кызматкер
csv-topics = Темалар
csv-outcome = Жыйынтыгы
csv-referral = Жөнөтүлдү
csv-legal-bases = Укуктук негизи
csv-follow-up = Көзөмөл күнү
csv-follow-up-closed = Көзөмөл жабылды
csv-claimed = Талап кылынган сумма
csv-claimed-currency = Талаптын валютасы
csv-recovered = Өндүрүлгөн
csv-recovered-currency = Өндүрүлгөндүн валютасы
csv-appeal-id = Арыздын идентификатору
csv-notes = Эскертмелер
csv-advice = Берилген кеңеш
csv-opened = Ачылган
csv-title = Аталышы
csv-respondent = Иш берүүчү / жоопкер
csv-topic = Тема
csv-host-city = Шаар (кабыл алуучу өлкө)
csv-member-id = Катышуучунун идентификатору

## Anonymized exports and the summary sheet
export-removed = аты-жөнү, документтердин номерлери, телефондор, так туулган күндөр (алардын ордуна жаш курагы), эркин эскертмелер жана кеңештер; жарандар ушул экспорттун ичинде гана туруктуу болгон лакап идентификаторлор менен алмаштырылды
export-anonymized = Жеке маалымат алынып салынды: { $removed }.
export-summary-sheet = Жыйынтык
export-tables-sheet = Таблицалар

## Export table names
table-persons = Жарандар
table-visits = Келүүлөр
table-consultations = Консультациялар
table-appeals = Жамааттык арыздар
table-appeal-members = Арыздардын катышуучулары
table-count-persons = { $count } жаран
table-count-visits = { $count } келүү
table-count-consultations = { $count } консультация
table-count-appeals = { $count } жамааттык арыз
table-count-appeal-members = { $count } арыздын катышуучусу

## Exporting from the app
screen-export = Экспорт
key-export = бул көрсөткүчтөрдү жана жазууларды экспорттоо (xlsx, csv, html, json)
hint-export = экспорт
field-export-format = Формат
field-export-anonymize = Жеке маалыматтар
field-export-records = Жазуулар (html)
field-export-file = Файл
hint-export-file = аты же толук жолу (мисалы, флешкага)
export-format-xlsx = xlsx (жыйынтыгы менен таблица)
export-format-csv = csv (таблицалар папкасы)
export-format-html = html (басып чыгаруучу бет)
export-format-json = json (бардык жазуулар)
export-anonymize-no = калтыруу (аты-жөнү, документтер, телефондор)
export-anonymize-yes = алып салуу (жашыруу)
export-records-no = басып чыгаруучу отчет гана
export-records-yes = отчет жана бардык жазуулар
export-where = Жөн гана аты берилсе, файл маалымат папкасындагы exports/ ичине жазылат. Ctrl+S экспортту баштайт; иштеп жатканда Esc аны токтотот.
export-running = Экспорттолууда…
export-cancelling = Токтотулууда…
export-progress = { $stage }: { $rows } сап
flash-export-done = { $rows } сап экспорттолду: { $path }
flash-export-report = Жыйынтык жазылды: { $path }
flash-export-cancelled = Экспорт токтотулду; эч нерсе жазылган жок.
what-export = экспорт

## Importing from the app
screen-import = Импорт
key-import = CSV келүүлөр таблицасын же CSV экспорт папкасын импорттоо
field-import-path = Файл же папка
hint-import-path = толук жолу, мисалы /media/usb/kezek-2026-11-24
import-how = Келүүлөр таблицасы (.csv экспорттун же журналдын форматында, баш аттары англисче, орусча же кыргызча) же kezek CSV экспортунун толук папкасы. Ctrl+S адегенде текшерет; сиз ырастамайынча эч нерсе жазылбайт.
import-would = { $rows } сап: { $events } кабыл алуу күнү, { $persons } жаран, { $visits } келүү, { $consultations } консультация, { $appeals } арыз жана { $members } арыз катышуучусу түзүлөт; { $matched } сап базадагы жарандарга дал келет; { $already } мурун импорттолгон.
import-confirm = Enter: импорттоо · Esc: чыгуу
import-refused = { $count } ката; файл оңдолмоюнча эч нерсе импорттолбойт:
import-problem = { $file }{ $line }-сап, { $column } тилкеси{ $value }: { $message }
import-checking = Текшерилүүдө…
import-running = Импорттолууда…
flash-import-done = Импорттолду: { $events } кабыл алуу күнү, { $persons } жаран, { $visits } келүү, { $consultations } консультация.
flash-import-cancelled = Импорт токтотулду; эч нерсе жазылган жок.
what-import = импорт
key-cancel-job = жокко чыгаруу (эч нерсе калбайт)

## The command line's own lines
cli-exported = экспорттолду { $counts }: { $path }
cli-exported-report = жыйынтык жазылды: { $path }
cli-export-cancelled = экспорт токтотулду; эч нерсе жазылган жок
cli-import-cancelled = импорт токтотулду; эч нерсе импорттолгон жок
cli-import-nothing = эч нерсе импорттолгон жок
cli-import-disk-full = диск толуп калды: эч нерсе импорттолгон жок (журнал импорттон мурункудай); орун бошотуп, кайра импорттоңуз
cli-import-disk-full-open = диск толуп калды: эч нерсе импорттолгон жок; маалымат базасын журнал боюнча жаңыртуу мүмкүн болгон жок (журналдан эч нерсе жоголгон жок, ачылбай калган база жанында бир жолу сакталды); орун бошотуп, кайра импорттоңуз
cli-import-view-behind = жазуулар журналда (эч нерсе жоголгон жок, файлды кайра импорттоо эч нерсе түзбөйт), бирок маалымат базасы алардын баарын кабыл ала алган жок (диск толуп калдыбы?); орун бошотуңуз: кийинки ишке киргизүүдө же сактоодо ал жаңыланат
cli-import-more = … жана дагы { $count }
cli-import-created = { $rows } сап: { $events } кабыл алуу күнү, { $persons } жаран, { $visits } келүү түзүлдү; { $matched } сап базадагы жарандарга дал келди; { $already } сап мурун импорттолгон
cli-import-would = { $rows } сап: { $events } кабыл алуу күнү, { $persons } жаран, { $visits } келүү түзүлөт; { $matched } сап базадагы жарандарга дал келет; { $already } сап мурун импорттолгон
cli-import-created-more = жана { $consultations } консультация, { $appeals } арыз, { $members } арыз катышуучусу түзүлдү
cli-import-would-more = жана { $consultations } консультация, { $appeals } арыз, { $members } арыз катышуучусу түзүлөт
cli-import-on-record = {"  "}{ $line }-сап: { $name } (базада бар)
cli-import-by-slot = аты, кабыл алуу күнү жана келген мүнөтү боюнча каттоодогу визиттерге дал келген документсиз жана туулган күнсүз саптар: { $count }
cli-written = жазылды: { $path }
cli-check-journal = журнал: { $ops } жазуу, { $bytes } байт
cli-check-records = жазуулар: { $events } кабыл алуу күнү, { $persons } жаран, { $visits } келүү, { $consultations } консультация, { $appeals } арыз ({ $members } катышуучу)
cli-salvage-ops = {"  "}журналдын бүтүн жазууларынан { $ops } жазуу; { $bytes } байт бузулган же бүтпөй калган
cli-demo-done = { $dir } ичиндеги демо база ({ $seconds } с): { $persons } жаран (атайын кайталанган { $planted }), { $events } кабыл алуу күнү, { $visits } келүү, { $consultations } консультация, { $appeals } жамааттык арыз, аларда { $members } катышуучу
cli-backup-done = камдык көчүрмө { $path } файлына жазылды: { $ops } жазуу, { $bytes } байт ({ $seconds } с)
cli-restore-done = { $dir } ичине { $ops } жазуу калыбына келтирилди ({ $seconds } с); kezek check өтөт
cli-check-store = сактагыч: { $dir }
cli-check-rebuilt = маалымат базасы журналдан кайра түзүлдү
cli-check-damaged = БУЗУЛГАН: { $damage }
cli-check-damaged-hint = эч нерсе өзгөртүлгөн жок. Бардык бүтүн жазууларды жана маалымат базасындагыны калыбына келтирүү үчүн `kezek check --salvage` аткарыңыз (эски файлдар жаңыларынын жанында калат)
cli-check-consistent = индекс: шайкеш
cli-check-index = индекс: { $missing } ачкыч жок, { $stale } ачкыч эскирген, журналдын { $unreadable } жазуусу окулбайт; маалымат базасы { $bytes } байттын { $applied }-байтына чейин колдонулган
cli-check-rebuild-hint = маалымат базасын журналдан кайра түзүү үчүн `kezek check --rebuild` аткарыңыз (эскиси четке коюлат)
cli-salvaged = сактагыч калыбына келтирилди: { $dir }
cli-no-store = { $dir } ичинде сактагыч жок: --data-dir текшериңиз (жаңысын `kezek demo`, `kezek import`, `kezek restore` же тиркеме түзөт)
cli-import-line = { $line }-сап
cli-import-column = { $column } мамычасы
cli-salvage-unreadable-view = {"  "}маалымат базасын окуу мүмкүн болгон жок: журналдын бүтүн жазуулары гана колдонулду
cli-salvage-restored = {"  "}{ $restored } жазуу базадагыдай кайтарылды, { $forgotten } кайра алынды, { $unreadable } окулбаган жазуу калтырылды
cli-salvage-kept = {"  "}сакталды: { $path }
cli-rebuild-moved = эски маалымат базасы { $path } ичине жылдырылды
cli-compacted = маалымат базасы ирети менен кайра жазылды: мурун { $before } МБ, азыр { $after } МБ ({ $entries } жазуу, бирден салыштырылды)

## app safety

# A confirmation's keys: $yes and $no are the letters that answer it in this language.
confirm-answer-keys = { $yes } / Enter: ооба · { $no } / Esc: жок
# A command found the store held by another kezek (on a desk: almost always the app).
cli-in-use = { $dir } ичиндеги маалымат ушул үстөлдөгү kezek программасында ачык: колдонмодо же али бүтө элек буйрукта. Аны бир эле учурда бир гана kezek ача алат; эч нерсе окулган да, өзгөртүлгөн да жок.
cli-in-use-report = Ушул эле көрсөткүчтөр колдонмодо бар: r аларды ачат (кабыл алуу күндөрүнүн тизмесинде — бардык жазуулар боюнча, кезекте — ошол күн боюнча).
cli-in-use-export = Колдонмодон экспорттоо: r көрсөткүчтөрдү ачат, андан кийин x аларды жазуулары менен кошо экспорттойт.
cli-in-use-find = Колдонмодо жаранды издөө: кабыл алуу күндөрүнүн тизмесинде, кезекте же жарандын картасында / басыңыз.
cli-in-use-slip = Колдонмодон эскертме: кабыл алуу күнүнүн кезегин ачып, келүүнү тандап, s басыңыз.
cli-in-use-check = Адегенде колдонмону жабыңыз (кабыл алуу күндөрүнүн тизмесинде q), андан кийин kezek check кайра иштетиңиз.
cli-in-use-import = Колдонмодон импорттоо: кабыл алуу күндөрүнүн тизмесинде i.
cli-in-use-demo = Адегенде колдонмону жабыңыз, андан кийин бул буйрукту кайра иштетиңиз.
cli-in-use-app = Ал ачык турган терезеге өтүңүз же адегенде аны жабыңыз.

## Колдонмодон камдык көчүрмө
screen-backup = Камдык көчүрмө
key-backup = бардык жазуулардын камдык көчүрмөсүн файлга жазуу (флешкага болот)
hint-backup = көчүрмө
field-backup-path = Кайда
hint-backup-path = толук жол, мисалы /media/usb/kezek-backup.kzb
backup-how = Бардык жазуулар бир файлда; иш токтобойт. Enter жазат; файл өз атында толук болгондо гана пайда болот. Калыбына келтирүү: kezek restore ФАЙЛ --data-dir ЖАҢЫ-ПАПКА
backup-running = Камдык көчүрмө жазылууда…
backup-cancelling = Жокко чыгарылууда…
backup-progress = { $total } { $total_unit } ичинен { $done } { $done_unit }
backup-keep = Аны бул компьютерден башка жерде сактаңыз. Esc — артка.
backup-failed = Камдык көчүрмө жазылган жок, бул атта эч нерсе калган жок: { $reason }
flash-backup-written = Камдык көчүрмө жазылды: { $path }, жазуулар: { $records }, { $size } { $unit }
flash-backup-failed = Камдык көчүрмө жазылган жок; себеби терезеде.
flash-backup-cancelled = Камдык көчүрмө жокко чыгарылды; эч нерсе жазылган жок.
err-backup-denied = бул папкага жазууга болбойт; башкасын тандаңыз
err-backup-no-folder = мындай папка жок (флешка сайылганбы?)
err-backup-disk-full = бул диск толгон; андан орун бошотуңуз же башка жер тандаңыз
err-backup-read-only = бул диск окуу үчүн гана
err-backup-inside-store = бул маалымат папкасынын ичинде: көчүрмө сактагычтын файлдарын алмаштырып же аны менен кошо жоголуп кетмек; андан тышкары жер тандаңыз (флешка)
err-backup-not-a-file = бул файл эмес (папка, түзмөк же канал); файлдын атын жазыңыз
unit-bytes = Б
unit-kb = КБ
unit-mb = МБ
unit-gb = ГБ

## Колдонмодон калыбына келтирүү
confirm-salvage-title = Бузулган сактагычты калыбына келтиресизби?
confirm-salvage = kezek сактагычты бир азга жаап, эскисинин бардык бүтүн кадрларынан, ошондой эле кадрлары бузулган же жоголгон, маалымат базасында дагы эле бар жазуулардан жаңы журнал жазат. Эски журнал менен маалымат базасы жаңыларынын жанында калат (эч нерсе өчүрүлбөйт). Ачык форма ошол бойдон калат. Азыр калыбына келтиресизби?
salvage-running-title = Калыбына келтирилүүдө…
salvage-running = Жаңы журнал жазылып, текшерилгенче сактагыч жабык. Күтө туруңуз.
salvage-done-title = Калыбына келтирүү бүттү
salvage-done = Сактагычтагы жазуулар: { $records }. Журналдын бүтүн кадрларынан операциялар: { $intact }; маалымат базасынан кайтарылган жазуулар: { $restored }.
salvage-kept = Сакталды: { $path }
salvage-verified = Жаңы журнал текшерилди: сактоо кайра иштейт.
salvage-not-verified = Жаңы журнал дагы эле текшерүүдөн өтпөйт: эч нерсе сакталбайт. программаны жаап, kezek check аткарыңыз.
salvage-failed-title = Калыбына келтирүү аткарылган жок
salvage-failed = Эч нерсе жылдырылган жок, эски файлдар ошол бойдон: { $reason }
salvage-close = Каалаган баскыч бул терезени жабат.
flash-salvage-wait-job = Адегенде экспорт, импорт же камдык көчүрмө бүтсүн (же жокко чыгарыңыз), анан F6 басыңыз.
err-salvage-busy = сактагычты дагы эле аткарылып жаткан иш колдонууда; бир аз күтүп, F6 кайра басыңыз
err-salvage-reopen = сактагычты кайра ачуу мүмкүн болгон жок: программаны жаап, kezek check --salvage аткарыңыз

## The member being edited keeps its person
suggest-fixed = Адам өз карточкасында оңдолот
flash-nothing-changed = Эч нерсе өзгөргөн жок — сактала турган нерсе жок.
flash-still-saving = Дагы эле сакталып жатат — бир аз күтүңүз, жооп ушул жерде чыгат.
flash-saved-late = Сакталды. Жооп келгенге чейин форма жабылды; тизмелер кайра окулду.
## Settings and the first start
screen-settings = Жөндөөлөр
screen-first-start = kezek'ке кош келиңиз: бул иш орду
settings-about = Бул иш ордунун аталышы, кезек номерлеринин алдындагы тамгасы, бул жерде ким иштейт жана тил. Жөндөө файлына жазылат жана кийинки ачылышта да иштейт.
settings-first-start = Биринчи келүүчүгө чейин: иш ордун атаңыз, ага тамга бериңиз (A, B, …: кабыл алуу күнүндөгү ар бир орундун өзүнүн тамгасы, номерлер дал келбесин: A-017, B-017) жана бул жерде ким иштеерин жазыңыз. Esc — азырынча ушундай калтыруу.
field-desk-name = Иш орду
field-desk-letter = Орундун тамгасы
hint-desk-letter = кезек номеринин алдында A дан Z га чейинки бир тамга
field-officer = Кызматкер
hint-officer = бул орунда ким иштейт (бош болсо — орундун аты)
field-interface-language = Тил
err-desk-letter = орундун тамгасы — A дан Z га чейинки бир латын тамгасы
flash-settings-saved = Сакталды: жөндөөлөр файлга жазылды.
what-settings = жөндөөлөр
key-settings = жөндөөлөр: иш орду, тамга, кызматкер, тил

## Адамдын маалыматын оңдоо (карточкада e)
screen-person-edit = Адамдын маалыматы
key-edit-person = адамдын маалыматын оңдоо (мурунку версиясы сакталат)
hint-edit-person = маалымат
flash-person-saved = Сакталды: { $name }. Мурунку маалымат карточканын тарыхында.
what-person = адамдын маалыматы
card-person-versions = Маалыматтын өзгөрүүлөрү ({ $count })

## Жеке маалыматы алынган экспорттор (ANONYMIZED.txt)
anon-k = Чакан топтордун коргоосу: жарыяланган квазиидентификаторлордун ар бир айкалышы кеминде { $k } адамды сүрөттөйт (k = { $k }).
anon-quasi = Квазиидентификаторлор: облус, шаар, жынысы, жаш курагы жана адам келген кабыл алуу күндөрү (идентификатору, датасы, шаары, жайы, UTC жылышы); ар бир адамдын бир жаш курагы — мезгилдеги акыркы келүүсүндөгү.
anon-suppressed = Жашырылган уячага «*» жазылат. Ар бир деңгээл мурункусу жашырганды жана андан көбүн жашырат; адамдын саптары анын тобунда кеминде k адам болгон биринчи деңгээлде жарыяланат.
anon-published = { $level }-деңгээл ({ $how }): жарыяланган адамдар — { $count }
anon-level-0 = эч нерсе жашырылган жок
anon-level-1 = шаар жашырылды
anon-level-2 = шаар жана облус жашырылды
anon-level-3 = шаар жана облус жашырылды, жаш курактары 0-17, 18-34, 35-54, 55+ болуп ирилештирилди
anon-level-4 = шаар, облус жана жаш курагы жашырылды
anon-level-5 = шаар, облус, жаш курагы жана жынысы жашырылды
anon-level-6 = шаар, облус, жаш курагы, жынысы жана кабыл алуу күнүнүн мамычалары жашырылды
anon-withheld = Чыгарылган жок (алардын бир да сабы бул экспортто жок): адамдар — { $count }
anon-none-published = Эч ким жарыяланган жок: экспорттогу ар бир адам k адамдан аз топто, ошондуктан анда адамдар жөнүндө бир да жазуу жок.
anon-removed = Алынып салынды (мамычалар бош): фамилиясы, аты, атасынын аты, туулган күнү, документи, телефону, келүү максаты, кезектеги номери, келген убактысы, күтүү убактысы, консультациянын убактысы, эскертмелери жана кеңештери, кызматкер, арыздын аталышы жана жоопкер. Жашырылды («*»): арыздын даталары жана шаары, ошондой эле кабыл алуу күнү жашырылган консультациянын көзөмөл даталары.
anon-pseudonymised = Лакап аттар менен алмаштырылды, ушул экспорттун гана бардык таблицаларында бирдей жана ар бир экспорт үчүн кокустан тандалган: жарандар P…, келүүлөр V…, консультациялар C…, арыздар A…, арыздын катышуучулары M…, ар бири бир тамга жана 8 цифра. Ар бир таблицанын саптары кокус тартипте.
anon-coarsened = Ирилештирилди: туулган күнү — жаш курагына чейин. Корголбойт: саптын квазиидентификаторлордон тышкары айткандары (темалар, натыйжалар, суммалар, тил) ошол бойдон жарыяланат.
cli-check-hash = базанын хеши: { $hash }
cli-bundle-written = пакет { $path } файлына жазылды: операциялар: { $ops }, байт: { $bytes }, үстөл { $desk } ({ $seconds } с)
cli-bundle-read = { $path }: үстөл { $desk }, жаңы операциялар: { $new }
cli-bundle-own = { $path }: ушул эле үстөлдүн пакети, өткөрүлдү
cli-bundle-ops = жаңы операциялар: { $new }; бул үстөлдө мурунтан бар: { $known }
cli-bundle-persons = адамдар: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-visits = келүүлөр: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-consultations = консультациялар: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-appeals = жамааттык кайрылуулар: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-members = кайрылуулардын катышуучулары: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-events = кабыл алуу күндөрү: жаңы { $new }, өзгөртүлгөн { $changed }
cli-bundle-moves = кезектеги жылдыруулар: { $moves }; адамдарды бириктирүү: { $merges }
cli-bundle-conflicts = карама-каршылыктар: { $n } (жазуу бул жерде жана башка үстөлдө бир эле версиядан өзгөртүлгөн; эки версия тең сакталды, кийинкиси көрсөтүлөт)
cli-bundle-nothing = жаңы эч нерсе жок: пакеттеги бардык операциялар бул үстөлдө бар
cli-bundle-dry-run = сыноо: эч нерсе жазылган жок
cli-bundle-merged = бул сактагыч менен бир пакет катары бириктирилди ({ $seconds } с)
cli-bundle-this-desk = бул үстөл: { $desk } ({ $name }, тамга { $letter })
cli-bundle-desk-held = үстөл { $desk } ({ $name }, тамга { $letter }): { $at } чейинки жазуулар
cli-bundle-look-alikes = бул үстөлдөгү адамдарга окшош жаңы адамдар: { $n } (текшерип, адамдын карточкасында бириктириңиз, Shift+M)
cli-bundle-look-alike = { $new } ({ $id }) — { $here } ({ $here_id }): { $why }
cli-bundle-look-alikes-more = … жана дагы { $n }
cli-bundle-clock-suspect = бул үстөлдүн саатынан уруксат берилгенден алыс алдыда турган датадагы операциялар: { $n } (ноутбуктун датасы туура эмеспи? алар бириктирилди, бирок бул үстөлдүн сааты аларга ээрчибейт)
cli-in-use-bundle = Адегенде колдонмону жабыңыз (кабыл алуу күндөрүнүн тизмесинде q), андан кийин kezek bundle import кайра иштетиңиз. kezek bundle export үчүн жабуунун кереги жок: ал колдонмо ачык турганда да иштейт.
cli-bundle-not-for-us = { $path }: башка үстөл үчүн жасалган (анда бул үстөлгө жетишпеши мүмкүн болгон операциялар жок), өткөрүлдү
cli-bundle-own-recovered = бул үстөлдүн журналында жок болгон өз операциялары (камдык көчүрмөдөн калыбына келтирилгенби?), кайтарылды: { $n }
cli-bundle-view-behind = операциялар журналга жазылды (эч нерсе жоголгон жок), бирок маалымат базасы алардын баарын кабыл ала алган жок (диск толуп калдыбы?); орун бошотуңуз: кийинки ишке киргизүүдө же сактоодо ал жаңыланат
screen-exchange = Башка үстөлдөр менен алмашуу
key-exchange = флешка аркылуу башка үстөлдөр менен жазуулар алмашуу: өзүңдүкүн жөнөтүү, алардыкын бириктирүү
field-exchange-what = Аракет
exchange-what-merge = флешкадагы пакеттерди бул үстөл менен бириктирүү
exchange-what-send = бул үстөлдүн жазууларын флешкага жазуу
field-exchange-path = Папка же файл
hint-exchange-path = флешканын папкасы, мисалы /media/usb (ар бир үстөл өз пакетин ошол жерге жазат)
exchange-how = Бириктирүү: Ctrl+S папкадагы пакеттер эмне алып келерин көрсөтөт; андан кийин Enter алардын баарын бир убакта бириктирет. Жөнөтүү: Ctrl+S бул үстөлдүн пакетин папкага жазат (файл толук болгондо гана өз аты менен пайда болот).
exchange-busy = Аткарылууда…
exchange-sent = Жазылды: { $path }, операциялар: { $ops }, { $size } { $unit }. Флешканы кийинки үстөлгө алып барыңыз.
exchange-failed = Эч нерсе жазылган жок жана бириктирилген жок: { $reason }
exchange-ops = Пакеттер: { $bundles }; жаңы операциялар: { $new }; мурунтан бар: { $known }; өткөрүлдү: { $passed }
exchange-kinds = Жаңы адамдар: { $persons }, келүүлөр: { $visits }, консультациялар: { $consultations }, кайрылуулар: { $appeals }; өзгөртүлгөн жазуулар: { $changed }
exchange-conflicts = Бул жерде жана башка үстөлдө бир эле версиядан өзгөртүлгөн: { $n } (эки версия тең сакталды; кийинкиси көрсөтүлөт)
exchange-look-alikes = Бул үстөлдөгү адамдарга окшош жаңы адамдар: { $n } (текшерип, адамдын карточкасында бириктириңиз, Shift+M)
exchange-clock-suspect = Бул үстөлдүн саатынан clock_skew_minutes уруксат бергенден алыс алдыда турган датадагы операциялар: { $n } (ноутбуктун датасы туура эмеспи?)
exchange-enter-merges = Enter аларды бул үстөл менен бириктирет.
exchange-merged = Бул үстөл менен бир пакет катары бириктирилди.
exchange-nothing = Жаңы эч нерсе жок: алардын бардык операциялары бул үстөлдө бар.
exchange-view-behind = Операциялар журналга жазылды (эч нерсе жоголгон жок), бирок маалымат базасы алардын баарын кабыл ала алган жок: диск толуп калдыбы? Орун бошотуп, kezek'ти кайра иштетиңиз.
flash-bundle-written = Пакет жазылды: { $path } (операциялар: { $ops })
flash-bundle-merged = Бириктирилди: башка үстөлдөрдөн операциялар: { $ops }
flash-bundle-view-behind = Журналга жазылды, бирок маалымат базасы артта калды (диск толуп калдыбы?)
flash-bundle-failed = Аткарылган жок: себеби алмашуу экранында
flash-clock-behind = Бул ноутбуктун сааты акыркы сакталган жазуудан { $minutes } мүн артта: улантуудан мурун датаны жана убакытты текшериңиз
cli-conflicts-none = карама-каршылык жок: эч бир жазуу эки үстөлдө бир эле версиядан өзгөртүлгөн эмес
cli-conflicts-total = карама-каршылыктар: { $n } (kezek bundle resolve ID --keep shown|other бирөөнү чечет)
cli-conflict-person = адам { $id }, версия { $rev }:
cli-conflict-consultation = консультация { $id }, версия { $rev }:
cli-conflict-appeal = жамааттык кайрылуу { $id }, версия { $rev }:
cli-conflict-member = кайрылуунун катышуучусу { $id }, версия { $rev }:
cli-conflict-money = сумма айырмаланат: кайсынысы калаарын тандаңыз
cli-conflict-field = { $field }: көрсөтүлгөнү «{ $shown }», дагы сакталганы «{ $other }»
cli-conflict-who = көрсөтүлгөнү: { $shown }; дагы сакталганы: { $other }
cli-conflict-resolved = чечилди: { $id } эми бул үстөлдө { $rev }-версия (башка үстөлдөр аны кийинки пакет менен алышат)
cli-conflict-not-found = { $id } боюнча карама-каршылык жок (kezek bundle conflicts карама-каршылыгы барларды санап чыгат)

# Refusals of bundles (`kezek bundle`, the exchange screen).
err-bundle-not-a-bundle = { $path } kezek пакети эмес
err-bundle-newer = { $path } kezek'тин жаңыраак версиясы менен жазылган (пакеттин форматы { $version }; бул версия { $reads } окуйт); бул үстөлдөгү kezek'ти жаңыртыңыз
err-bundle-bad-version = { $path } ичинде { $version } пакет форматы көрсөтүлгөн, аны эч бир kezek жазбайт: файл бузулган
err-bundle-damaged = { $path } бузулган же толук эмес ({ $what }); аны келген үстөлдө кайра жазыңыз
err-bundle-damage-cut = аягына чейин жетпейт
err-bundle-damage-checksum = текшерүү суммасы дал келбейт
err-bundle-damage-head = башы бузулган
err-bundle-damage-frame = операциянын кадры бузулган
err-bundle-damage-count = операциялар айтылгандан көп же аз
err-bundle-damage-op = операция окулбайт
err-bundle-too-large = { $path } пакет боло алгандан чоң (1 ГиБ)
err-bundle-from-this-desk = { $path } ушул үстөлдө жазылган жана бул жерде жок эч нерсе камтыбайт; башка үстөлдөрдүн пакеттерин алып келиңиз
err-bundle-not-for-this-desk = { $path } { $desk } үстөлү үчүн жасалган (же калыбына келтирүүгө чейин бул үстөлдө болгондун негизинде): анда бул үстөлгө жетишпеши мүмкүн болгон операциялар жок; бул үстөл үчүн же бардык операциялар менен пакет сураңыз (`kezek bundle export` --for'суз)
err-bundle-unknown = { $path } анда да, бул үстөлдө да жок жазууларга шилтейт ({ $missing }; биринчиси: { $first }); адегенде ал аркылуу өткөн үстөлдөрдүн пакеттерин алып келиңиз
err-bundle-changed = пакеттер текшерилгенден бери өзгөрдү; эч нерсе бириктирилген жок: аларды кайра текшериңиз
err-bundle-empty-folder = { $path } ичинде пакет жок (*.{ $ext } файлдары)
err-bundle-not-a-file = { $path } файл эмес (папка, түзмөк же канал); файлдын атын жазыңыз
err-bundle-inside-store = { $path } маалымат папкасынын ичинде; пакетти башка жерге жазыңыз (флешкага)
err-bundle-for-this-desk = { $desk } — ушул эле үстөл: ал үчүн жасалган пакетте эч нерсе болбойт; башка үстөлдүн id'син бериңиз (`kezek bundle desks` аларды тизмелейт) же --for'ду бербеңиз
err-bundle-desk-clash = { $path } { $other } уюмунун үстөлүнөн келди, анын { $desk } id'си бул жерде { $known } уюмунун үстөлү катары белгилүү: эки сактагычтын бири экинчисинин көчүрмөсү (же код өзгөртүлгөн); эч нерсе бириктирилген жок. Көчүрмөгө жаңы сактагыч ачыңыз же анын мурунку уюмун кайтарыңыз
cli-bundle-bad-desk = { $typed } үстөлдүн id'си эмес (16 он алтылык сан, `kezek bundle desks` басып чыгаргандай)
cli-bundle-bad-record-id = { $id } жазуунун id'си эмес (26 белги)
