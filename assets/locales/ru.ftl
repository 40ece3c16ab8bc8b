## kezek — сообщения на русском. Идентификаторы те же, что в en.ftl; числа подставляются
## с разрядами через неразрывный пробел, формы числа — по правилам CLDR (one/few/many).

app-name = kezek

## Header and footer
header-desk = Стол: { $desk }
header-officer = Сотрудник: { $officer }

## Screens
screen-events = Дни приёма
screen-queue = Очередь
screen-event-form = Новый день приёма
screen-arrival-form = Новый посетитель
events-empty = Дней приёма пока нет. Нажмите n, чтобы создать.
queue-empty = В очереди пока никого. Нажмите n, когда придёт гражданин.
queue-loading = Загрузка…
queue-summary = { $total } в очереди · { $waiting } ждут · { $with } у сотрудника · { $done } принято · { $left } ушли

## Columns
col-date = Дата
col-city = Город
col-venue = Место
col-hosts = Организаторы
col-no = №
col-arrived = Время
col-person = Гражданин
col-purpose = Цель
col-desk = Стол
col-status = Статус
col-waited = Ожид.
queue-number = № { $number }
waited-minutes = { $minutes } мин
waited-hours = { $hours } ч
waited-days = { $days } дн.
waited-years = { $years } г.

## Visit statuses
status-waiting = ждёт
status-with-officer = у сотрудника
status-done = приём завершён
status-left = уход без приёма

## Form fields
field-event-date = Дата
field-event-city = Город
field-event-venue = Место
field-event-hosts = Организаторы
field-event-offset = Смещение от UTC
field-surname = Фамилия
field-given-name = Имя
field-patronymic = Отчество
field-birth-date = Дата рождения
field-sex = Пол
field-document = № документа
field-phone = Телефон
field-region = Область (откуда)
field-city = Город проживания
field-purpose = Цель визита
field-language = Язык приёма
hint-date = ГГГГ-ММ-ДД или ДД.ММ.ГГГГ
hint-hosts = через запятую
hint-offset = например, +03:00
hint-phone = +996…, 0555…, +7…, 8…
form-required = * обязательно
form-saving = Сохранение…
form-choice-hint = первые буквы или ← → выбор
suggest-title = Уже в базе
suggest-none = Совпадений пока нет
suggest-keys = Ctrl+N/P выбор · Ctrl+L взять
suggest-linked = Найден в базе: { $name }
suggest-unlink = Ctrl+L: новый человек

## Choices
sex-unknown = не указан
sex-male = мужской
sex-female = женский
region-none = не указана
region-batken = Баткенская область
region-chuy = Чуйская область
region-issyk-kul = Иссык-Кульская область
region-jalal-abad = Джалал-Абадская область
region-naryn = Нарынская область
region-osh = Ошская область
region-talas = Таласская область
region-bishkek-city = г. Бишкек
region-osh-city = г. Ош
lang-ky = кыргызский
lang-ru = русский
lang-en = английский

## Validation
err-required = обязательное поле
err-too-long = слишком длинно (не более 200 знаков)
err-too-long-hosts = слишком длинно (не более 1000 знаков на всех организаторов)
err-too-long-note = слишком длинно (не более 8000 знаков)
err-too-long-document = слишком длинно (не более 30 знаков)
err-too-long-phone = слишком длинно (не более 24 знаков)
err-too-long-short = слишком длинно (не более 32 знаков)
err-date-two-digit-year = год — четырьмя цифрами (24.11.2026, а не 24.11.26)
err-date-year-range = год должен быть от 1900 до 2100
err-date-format = формат ГГГГ-ММ-ДД или ДД.ММ.ГГГГ
err-date-future = не может быть в будущем
err-date-too-old = раньше 1900 года
err-document-charset = только буквы и цифры
err-document-length = от 5 до 20 букв и цифр
err-phone-charset = только цифры, пробелы, + - ( )
err-phone-country = страна не распознана: наберите +996…, 0…, +7… или 8…
err-offset-format = в виде +03:00

## Errors from the store, shown in the interface language
err-disk-full = диск заполнен; освободите место (запись не сохранена)
err-view-behind = не сохранено, ничего не записано: базу данных не удалось обновить (диск заполнен?); освободите место, затем закройте и снова запустите kezek
banner-store-damaged = ПОВРЕЖДЕНО, ничего не сохраняется: F6 — восстановить (старые файлы остаются)
err-store-damaged = хранилище повреждено, поэтому больше ничего не записывается: нажмите F6, чтобы восстановить его (все старые файлы сохраняются), или закройте kezek и выполните «kezek check --salvage»
err-already-member = этот гражданин уже участвует в обращении
err-same-person = нельзя объединить запись саму с собой
err-nothing-to-undo = нечего отменять: визит не менялся с момента прихода
err-undo-not-last = не отменено: визит с тех пор переместили снова
err-merged-since = не разъединено: эту запись с тех пор объединили с другой; сначала разъедините ту
err-not-found = запись больше не существует
err-store-in-use = эта папка данных открыта другим kezek; сначала закройте его

## Messages in the footer
flash-event-saved = Сохранено: день приёма создан.
flash-arrival-saved = Сохранено: № { $number } — { $name }.
flash-arrival-twice = Сохранено: № { $number } — { $name }. Внимание: уже в сегодняшней очереди под № { $earlier }.
flash-status-saved = Сохранено: № { $number } теперь «{ $status }».
flash-cannot-move = № { $number } нельзя перевести из «{ $from }» в «{ $to }».
key-undo = отменить последний ход выбранного визита (остаётся в истории)
flash-undone = Отменено «{ $undone }»: № { $number } снова «{ $status }».
flash-nothing-to-undo = Нечего отменять: № { $number } не перемещали с прихода («{ $status }»).
what-undo = отмена
flash-fix-fields = Не сохранено: исправьте отмеченные поля.
flash-failed = Не сохранено ({ $what }): { $reason }
flash-language = Язык интерфейса: { $language }.
what-load = загрузка
what-create-event = новый день приёма
what-arrival = посетитель
what-status = статус в очереди
what-search = поиск

## Overlays
help-title = Клавиши — { $screen }
help-close = любая клавиша закрывает справку
confirm-discard-title = Несохранённый ввод
confirm-discard = Выйти из формы и потерять введённое?
confirm-quit-title = Несохранённый ввод
confirm-quit = Выйти из kezek и потерять введённое в этой форме?
locked-title = Экран заблокирован
locked-body = Заблокирован после { $minutes ->
    [one] { $minutes } минуты
   *[other] { $minutes } минут
  } бездействия, чтобы защитить персональные данные.
locked-keys = Нажмите Enter, чтобы продолжить.
too-small = Окно терминала слишком мало: { $width }×{ $height }. Нужно не меньше { $need_width }×{ $need_height }.

## Key help
key-open-event = открыть очередь выбранного дня
key-new-event = новый день приёма
key-up = вверх
key-down = вниз
key-help = показать клавиши
key-quit = выйти из kezek
key-new-arrival = новый посетитель
key-call = вызвать: ждёт → у сотрудника
key-done = приём завершён: у сотрудника → приём завершён
key-left = уход без приёма
key-return = вернуть в очередь
key-page-up = страница вверх
key-page-down = страница вниз
key-top = первая строка
key-bottom = последняя строка (новые)
key-back-events = к дням приёма
key-save = сохранить
key-enter-next = следующее поле; на последнем — сохранить
key-enter-import = проверить файл; после проверки без ошибок — импортировать
key-next-field = следующее поле
key-prev-field = предыдущее поле
key-next-suggestion = следующее совпадение
key-prev-suggestion = предыдущее совпадение
key-use-suggestion = взять выбранное совпадение / или новый человек
key-cancel-form = выйти из формы (спросит, если что-то введено)
key-close-help = закрыть справку
key-yes = да
key-no = нет
key-unlock = разблокировать

## Footer hints (short)
hint-open = открыть
hint-new = новый
hint-help = справка
hint-quit = выход
hint-call = вызвать
hint-done = готово
hint-left = уход
hint-back = дни
hint-save = сохранить
hint-next-field = след. поле
hint-clear = очистить
hint-cancel = отмена
hint-language = язык

## Money and consultation validation
err-money-negative = сумма не может быть отрицательной
err-money-invalid = не сумма: цифры, пробелы между тысячами, , или . перед копейками
err-money-ambiguous = неоднозначно: пишите 1250 или 1 250 для тысяч, 1,25 для дробной части
err-money-precise = не более двух цифр после запятой
err-money-large = слишком большая сумма (не более 10 000 000 000)
err-money-currency = в сумме другая валюта: выберите её
unit-rub = руб.
unit-kgs = сом
unit-kzt = тенге
unit-usd = долл.
err-unknown-code = нет в действующем классификаторе
err-no-topic = выберите хотя бы одну тему

## Appeal members
member-active = участвует
member-recovered = получил(а) выплату
member-withdrawn = отозвал(а)

## Consultations
screen-consultation = Консультация
consultation-title = № { $number } · { $version }
consultation-new = новая консультация
consultation-edit = правка (прежняя версия сохраняется)
consultation-side = Клавиши
consultation-keys-1 = Tab: следующее поле
consultation-keys-2 = Enter: новая строка в заметках
consultation-keys-3 = Ctrl+S: сохранить · Esc: выйти
field-topics = Темы
field-notes = Заметки
field-advice = Разъяснено
field-outcome = Результат
field-referral = Направлен(а) в
field-legal-bases = Основание
field-follow-up = Контроль
field-claimed = Заявлено
field-recovered = Взыскано
field-currency = Валюта
field-closed-on = Закрыто
hint-topics = Пробел выбирает тему; наберите текст для фильтра
hint-picker = ↑ ↓ выбор · Пробел отметить · текст — фильтр · Tab далее
hint-text-area = Enter: новая строка · Tab: следующее поле
hint-amount = например, 11 000 000 или 1 250,50
value-none = —
picker-type-to-filter = наберите для фильтра
picker-filter = фильтр: { $filter }
picker-no-match = ничего не найдено
flash-consultation-saved = Сохранено: консультация — { $name }.
what-consultation = консультация
what-draft = черновик
what-follow-up = контроль

## Drafts
confirm-restore-title = Найдена несохранённая форма
confirm-restore = Когда kezek остановился, заполнялась форма ({ $when }). Восстановить её?
flash-draft-orphan = Несохранённая форма относилась к удалённому дню приёма; она отброшена.
flash-draft-unreadable = Несохранённую форму с прошлого раза прочитать не удалось; файл сохранён как { $path }.

## Follow-ups
screen-follow-ups = Контроль
screen-close-follow-up = Закрыть контроль
follow-ups-title = Контроль — { $open } открыто, { $overdue } просрочено, { $week } в ближайшие 7 дней
follow-ups-empty = Открытых контрольных сроков нет.
follow-ups-none-match = Под этот отбор ничего не подходит: Tab, t или o меняют его.
follow-ups-none-this-week = В ближайшие 7 дней сроков нет, но просрочено: { $overdue }. Tab покажет их.
follow-ups-filter = Показаны { $due }: { $count } · тема: { $topic } · сотрудник: { $officer }
follow-ups-due-week = сроки в ближайшие 7 дней
follow-ups-due-overdue = просроченные, последние сначала
follow-ups-due-all = все, предстоящие сначала
follow-ups-any = все
col-due = Срок
col-who = Гражданин или обращение
col-topic = Тема
col-outcome = Результат
col-claimed = Заявлено
flash-follow-up-closed = Сохранено: контроль закрыт.

## Person card
screen-person-card = Карточка
card-lines = строки { $from }–{ $to } из { $total } · PgUp PgDn Home End
card-visits = Визиты ({ $count })
card-consultations = Консультации ({ $count })
card-appeals = Коллективные обращения ({ $count })
card-claimed = заявлено { $amount }
card-recovered = взыскано { $amount }
card-follow-up-open = контроль { $date }
card-follow-up-closed = контроль { $date } (закрыт)
card-version = версия { $version }, { $officer }

## Keys (consultations, follow-ups, card)
key-new-line = новая строка
key-clear-field = очистить поле целиком
key-put-back = вернуть то, что убрал Ctrl+U
key-line-up = на строку выше
key-line-down = на строку ниже
key-follow-ups = контрольные сроки по всем дням
key-person-card = карточка гражданина
key-close-follow-up = закрыть контроль (результат, взысканная сумма, дата)
key-edit-consultation = править выбранную консультацию (прежняя версия сохраняется)
key-back = назад
key-consultation = новая консультация для выбранного визита
hint-follow-ups = контроль
hint-card = карточка
hint-close = закрыть
hint-filter-due = срок
hint-filter-topic = тема
hint-filter-officer = сотрудник
key-filter-due = показать сроки в ближайшие 7 дней, просроченные (последние сначала) или все
key-filter-topic = только следующую тему из них (после последней — все темы)
key-filter-officer = только следующего сотрудника (после последнего — всех)
field-close-note = Заметка
hint-close-note = чем закончилось (добавится к заметкам консультации)
hint-edit = править
hint-back-short = назад
hint-consultation = консульт.

## Consultation slip
slip-title = Памятка о консультации
slip-date = Дата
slip-place = Место
slip-desk = Ваш номер
slip-person = Фамилия и имя
slip-consultation = Консультация
slip-consultation-n = Консультация { $n }
slip-topics = Вопрос
slip-advice = Что вам разъяснили
slip-legal-basis = Какие законы применяются
slip-referral = Куда обратиться
slip-contact-address = Адрес
slip-contact-phone = Телефон
slip-contact-hours = Часы работы
slip-contact-website = Сайт
slip-outcome = Что дальше
slip-outcome-advised = Дальше вы можете действовать сами, по полученному разъяснению.
slip-outcome-referred = Обратитесь в организацию, куда вас направили, с этой памяткой и документами.
slip-outcome-appeal-filed = По вашему делу подано обращение; об ответе вам сообщат.
slip-outcome-resolved = Ваш вопрос решён.
slip-outcome-no-action = Здесь помочь с этим вопросом не удалось.
slip-next-step = Когда прийти снова
slip-no-consultation = Консультация в этот раз не записана.
slip-footer = Сохраните эту памятку. Приходите с ней и с документами.
key-slip = памятка о консультации для выбранного визита (в папку slips/ хранилища)
flash-slip-written = Памятка записана: { $path } · S — печать
key-print-slip = напечатать памятку выбранного визита: страница в slips/, отправленная на принтер (lp), если он есть
flash-slip-printed = Памятка отправлена на принтер: { $path }
flash-slip-no-printer = На этом компьютере нет команды печати (lp). Памятка в { $path }: откройте её в браузере, чтобы напечатать
flash-slip-print-refused = Принтер не принял памятку ({ $reason }). Она в { $path }: откройте её в браузере, чтобы напечатать
what-slip = памятка

## Collective appeals and history
screen-appeal = Коллективное обращение
screen-appeal-new = Новое коллективное обращение
screen-appeal-new-from = Новое коллективное обращение по консультации: { $name }
screen-appeal-edit = Сведения об обращении
screen-member-new = Добавить гражданина в «{ $appeal }»
screen-member-edit = Гражданин в «{ $appeal }»
screen-history = История
appeals-title = Коллективные обращения ({ $count })
appeals-join-title = Обращение для консультации ({ $name }): Enter — присоединить, n — новое
appeals-empty = Коллективных обращений пока нет. n — создать.
appeal-persons = { $persons ->
    [one] { $persons } гражданин в обращении
    [few] { $persons } гражданина в обращении
   *[many] { $persons } граждан в обращении
  }; из них получили деньги: { $recovered_persons }
appeal-amounts = Заявлено { $claimed } · взыскано { $recovered }
appeal-no-members = В обращении пока никого. m — добавить гражданина.
appeal-history = История (новые сверху; h — вся)
col-opened = Открыто
col-appeal = Обращение
col-respondent = Работодатель / ответчик
col-persons = Граждан
col-member = Гражданин
col-recovered = Взыскано
field-appeal-title = Название
field-respondent = Работодатель / ответчик
field-appeal-topic = Тема
field-host-city = Город (страна пребывания)
field-member-status = Статус
field-appeal = Коллективное обращение
history-created = создано
history-version = версия { $version }
history-member-added = добавлен(а) { $name }
history-member-changed = изменено: { $name }
history-linked = связано
flash-appeal-saved = Сохранено: обращение «{ $title }».
flash-appeal-joined = Сохранено: консультация присоединена к обращению; гражданин — его участник.
flash-member-saved = Сохранено: { $name } в обращении.
what-appeal = коллективное обращение
what-member = участник обращения
key-appeals = коллективные обращения
hint-appeals = обращения
key-appeal = открыть обращение консультации или выбрать / создать его
hint-appeal = обращение
key-history = все прежние версии: кто, что и когда изменил
hint-history = история
key-open-appeal = открыть обращение (или присоединить к нему консультацию)
key-new-appeal = новое коллективное обращение
key-add-member = добавить гражданина (поиск как при регистрации) с его суммами
hint-add-member = добавить
key-edit-member = изменить суммы или статус выбранного гражданина (прежняя версия сохраняется)
key-edit-appeal = изменить название, ответчика, тему, город или срок контроля
hint-details = сведения
key-member-card = карточка выбранного гражданина
key-scroll-up = прокрутить вверх
key-scroll-down = прокрутить вниз
key-open-follow-up = открыть карточку гражданина (для обращения — обращение)

## Person search, look-alikes, merge
screen-search = Поиск гражданина
screen-appeals = Коллективные обращения
screen-member = Гражданин в обращении
field-search = Найти:
search-hint = имя в любом написании (любой порядок, инициалы), документ или телефон
search-found = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
  }, лучшие совпадения сверху
search-found-first = первые { $shown } из { $count ->
    [one] { $count } найденного
   *[other] { $count } найденных
  }, лучшие сверху; уточните запрос
cli-find-none = никто не найден по запросу { $query }
cli-find-first = первые { $shown } из { $count ->
    [one] { $count } найденного
   *[other] { $count } найденных
  } (лучшие сверху); --limit { $limit } покажет всех
search-none = Никого не найдено. Проверьте написание или ищите по документу или телефону.
search-too-short = Документ ищется по первым { $min } знакам, телефон — по первым { $min } цифрам.
search-searching = Поиск…
search-merge-title = Выберите дубликат для объединения с { $name }
col-birth = Дата рожд.
col-document = Документ
col-phone = Телефон
key-search = найти гражданина (любое написание, документ, телефон)
hint-search = поиск
key-search-open = открыть карточку (при объединении — объединить с выбранным дубликатом)
key-merge = объединить дубликат этого гражданина с этой карточкой
suggest-look-alikes = Уже в базе?
suggest-look-alike-keys = Ctrl+L: это он(а) · Ctrl+S ещё раз: новый человек
likeness-document = тот же документ
likeness-phone = тот же телефон
likeness-birth-name = та же дата рождения, похожее имя
flash-look-alikes = Пока не сохранено: похоже на человека в базе. Ctrl+L — взять его; Ctrl+S ещё раз — новый человек.
flash-merged = Объединено: перенесено визитов, консультаций и участий — { $moved }; дубликат сохранён в истории.
what-merge = объединение
confirm-merge-title = Объединить дубликаты?
confirm-merge = Объединить «{ $gone }» с «{ $into }»? Все визиты, консультации и обращения { $gone } перейдут к { $into }; запись дубликата останется в карточке.
confirm-merge-name = ФИО
confirm-merge-stays = Остаётся (карточка)
confirm-merge-goes = Дубликат (войдёт в неё)
confirm-merge-differs = отличается
card-merged = Объединён с этой карточкой: { $name } ({ $details }) { $date }, { $officer }
key-unmerge = разъединить последнее объединение с этой карточкой
what-unmerge = разъединение
flash-unmerged = Разъединено: { $name } снова в своей карточке (вернулось записей: { $moved }).
flash-nothing-to-unmerge = Нечего разъединять: с { $name } никого не объединяли.
confirm-unmerge-title = Разъединить записи?
confirm-unmerge = Разъединить «{ $gone }» и «{ $into }»? Запись, объединённая { $date } ({ $officer }), вернётся как была, с визитами, консультациями и обращениями, которые перенесло объединение; добавленное к { $into } позже останется.
confirm-unmerge-latest = Это последнее из объединений с этой карточкой ({ $count }); более ранние останутся.
confirm-unmerge-comes-back = Вернётся (своя карточка)
card-unmerged = Разъединено { $date }, { $officer }: { $name } (объединён { $merged }) снова в своей карточке
card-undone = ↶ отменено { $when }: «{ $undone }» → снова «{ $status }», { $officer }

## Reports
report-title = Сводка — { $period }
report-all = все записи
summary-visits = { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  } от { $persons ->
    [one] { $persons } гражданина
   *[many] { $persons } граждан
  }; принято { $served }, ушли без приёма { $left }.
summary-waiting = Ожидание: медиана { $median } мин; 90% вызваны в течение { $p90 } мин.
summary-topic-appeals = { $topic }: { $appeals ->
    [one] { $appeals } обращение
    [few] { $appeals } обращения
   *[many] { $appeals } обращений
  } от { $persons ->
    [one] { $persons } гражданина
   *[many] { $persons } граждан
  }
summary-recovered = ; { $amount } { $persons ->
    [one] получил { $persons } гражданин
    [few] получили { $persons } гражданина
   *[many] получили { $persons } граждан
  }.
summary-topic = { $topic }: { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  } для { $persons ->
    [one] { $persons } гражданина
   *[many] { $persons } граждан
  }.
summary-follow-ups = Контроль: открыто { $open }, просрочено { $overdue }.
report-topics = Консультации по темам
report-consultations = Консультации
report-persons = Граждане
report-appeals = Обращения
report-appeal-persons = Граждан в обращениях
report-persons-recovered = Получили деньги
report-outcomes = По результату
report-referrals = По направлению
report-regions = Область (откуда)
report-sexes = Пол
report-ages = Возраст
report-age-unknown = неизвестен
report-topic-outcomes = Консультации по темам и итогам
report-age-sex = Посетители по возрасту и полу
report-events = По дням приёма
report-suppressed-note = Обезличено: каждое число в сводке, показателях, таблицах и диаграммах округлено до кратного { $base } вверх или вниз случайно, малые тоже (поэтому 0 может означать несколько человек, а не их отсутствие); одно и то же истинное число округляется одинаково везде и в каждой выгрузке, поэтому суммы могут не совпадать с итогами точно и ни одну группу таблиц нельзя из них вычислить точно. Области, пол и возрастные группы, в которых меньше { $k } человек, не названы, а посчитаны вместе как «Другие (малые группы)»; суммы денег показаны с точностью до двух значащих цифр и только рядом с группой не меньше { $k } человек; время ожидания — только по не меньше чем { $k } посетителям. Таблицы записей, если они есть, точно показывают опубликованные в них строки.
anon-other = Другие (малые группы)
report-charts = Диаграммы
report-chart-topics = Консультации по темам и итогам
report-chart-regions = Посетители по областям (откуда)
report-chart-age-sex = Посетители по возрасту и полу
report-chart-events = Визиты по дням приёма
report-chart-suppressed = не показано: меньше { $k } человек
report-totals = Итоги
report-figure = Показатель
report-value = Значение
report-visits = Визиты
report-visitors = Посетители (разные люди)
report-served = Приняты
report-left = Ушли без приёма
report-wait-median = Ожидание, медиана (мин)
report-wait-p90 = Ожидание, 90-й процентиль (мин)
report-open-follow-ups = Открытый контроль
report-overdue-follow-ups = Просроченный контроль
report-rules = Правила подсчёта: человек считается один раз за период; обращение считается один раз, его граждане — участники, которые не отозвали участие; каждое денежное требование считается один раз (участника обращения или консультации вне обращений). Подробнее — в README.

## Import
import-unknown-column = неизвестный столбец (ожидается таблица визитов из `kezek export` с заголовками на английском, русском или кыргызском)
import-missing-column = нет обязательного столбца
import-bad-id = не идентификатор kezek
import-unknown-region = неизвестная область (код, например osh, chuy, bishkek-city, или название области)
import-bad-sex = неизвестный пол (male, female, м, ж или пусто)
import-bad-time = не время (ГГГГ-ММ-ДД ЧЧ:ММ, ДД.ММ.ГГГГ ЧЧ:ММ или ЧЧ:ММ)
import-bad-status = неизвестный статус (done, left, waiting, with-officer)

import-bad-currency = неизвестная валюта (RUB, KGS, KZT или USD)
import-unknown-visit = такого визита нет ни в таблице визитов папки, ни в базе
import-unknown-appeal = такого обращения нет ни в таблице обращений папки, ни в базе
import-unknown-person = такого гражданина нет ни в таблице граждан папки, ни в базе
import-duplicate-id = тот же идентификатор есть и в другой строке (указаны обе): идентификаторы не должны повторяться
import-not-utf8 = не удалось определить кодировку файла: откройте его в таблице, сохраните как «CSV UTF-8» и загрузите этот файл
import-bad-queue-no = не номер очереди (целое число от 1 до 99999)
import-bad-waited = не минуты ожидания (целое число от 0 до 10080, одна неделя)

## Dashboard
screen-dashboard = Показатели
key-dashboard-all = показатели по всем записям
key-dashboard-event = показатели этого дня приёма
hint-dashboard = показатели
key-drill = граждане по выбранной строке (затем Enter: карточка)
key-dash-section = следующая таблица: темы, результаты, направления, области, пол, возраст
key-dash-section-back = предыдущая таблица
hint-dash-section = таблица
hint-drill = граждане
dash-visits = Визиты { $visits } · посетители { $persons }
dash-served = Приняты { $served } · ушли без приёма { $left }
dash-waiting = Ожидание: медиана { $median } мин · 90% за { $p90 } мин
dash-consultations = Консультации { $consultations } ({ $persons } чел.)
dash-appeals = Обращения { $appeals } · { $persons } чел. в них
dash-claimed = Заявлено { $amount }
dash-recovered = Взыскано { $amount } ({ $persons } чел.)
dash-follow-ups = Контроль: открыто { $open }, просрочено { $overdue }
dash-regions-more = … и ещё { $count } (Tab)
dash-breakdowns-tab = Регионы, пол, возраст: Tab.
dash-drill = { $topic }: { $count } чел. (Enter: карточка, Esc: назад)
dash-drill-some = { $topic }: { $count } чел., показаны первые { $shown } (Enter: карточка, Esc: назад)

## Export column headers (Russian and Kyrgyz exports; English keeps the codes). The import
## reads every language's headers back, so each must be unique within its language.
csv-visit-id = Идентификатор визита
csv-event-id = Идентификатор дня приёма
csv-event-date = Дата дня приёма
csv-event-city = Город
csv-event-venue = Место
csv-utc-offset = Смещение UTC
csv-person-id = Идентификатор лица
csv-surname = Фамилия
csv-given-name = Имя
csv-patronymic = Отчество
csv-birth-date = Дата рождения
csv-age-band = Возрастная группа
csv-sex = Пол
csv-document = Документ
csv-phone = Телефон
csv-region = Регион
csv-city = Город проживания
csv-queue-no = Номер в очереди
csv-desk = Стол
csv-purpose = Цель визита
csv-language = Язык
csv-arrived = Время прихода
csv-status = Статус
csv-waited-min = Ожидание, мин
csv-consultation-id = Идентификатор консультации
csv-created = Создано
csv-officer = Сотрудник
csv-topics = Темы
csv-outcome = Результат
csv-referral = Направление
csv-legal-bases = Правовое основание
csv-follow-up = Срок контроля
csv-follow-up-closed = Контроль закрыт
csv-claimed = Заявленная сумма
csv-claimed-currency = Валюта заявленной суммы
csv-recovered = Взыскано
csv-recovered-currency = Валюта взыскания
csv-appeal-id = Идентификатор обращения
csv-notes = Заметки
csv-advice = Разъяснено
csv-opened = Открыто
csv-title = Название
csv-respondent = Работодатель / ответчик
csv-topic = Тема
csv-host-city = Город (страна пребывания)
csv-member-id = Идентификатор участника

## Anonymized exports and the summary sheet
export-removed = ФИО, номера документов, телефоны, точные даты рождения (вместо них — возрастная группа), свободные заметки и разъяснения; граждане заменены псевдонимами, постоянными только в пределах этой выгрузки
export-anonymized = Обезличено: удалены { $removed }.
export-summary-sheet = Сводка
export-tables-sheet = Таблицы

## Export table names
table-persons = Граждане
table-visits = Визиты
table-consultations = Консультации
table-appeals = Коллективные обращения
table-appeal-members = Участники обращений
table-count-persons = { $count ->
    [one] { $count } гражданин
    [few] { $count } гражданина
   *[many] { $count } граждан
  }
table-count-visits = { $count ->
    [one] { $count } визит
    [few] { $count } визита
   *[many] { $count } визитов
  }
table-count-consultations = { $count ->
    [one] { $count } консультация
    [few] { $count } консультации
   *[many] { $count } консультаций
  }
table-count-appeals = { $count ->
    [one] { $count } коллективное обращение
    [few] { $count } коллективных обращения
   *[many] { $count } коллективных обращений
  }
table-count-appeal-members = { $count ->
    [one] { $count } участник обращений
    [few] { $count } участника обращений
   *[many] { $count } участников обращений
  }

## Exporting from the app
screen-export = Выгрузка
key-export = выгрузить эти показатели и записи (xlsx, csv, html, json)
hint-export = выгрузка
field-export-format = Формат
field-export-anonymize = Персональные данные
field-export-records = Записи (html)
field-export-file = Файл
hint-export-file = имя или полный путь (например, на флешку)
export-format-xlsx = xlsx (таблица со сводкой)
export-format-csv = csv (папка таблиц)
export-format-html = html (страница для печати)
export-format-json = json (все записи)
export-anonymize-no = оставить (ФИО, документы, телефоны)
export-anonymize-yes = удалить (обезличить)
export-records-no = только отчёт для печати
export-records-yes = отчёт и все записи
export-where = Файл с одним именем пишется в папку exports/ хранилища. Ctrl+S начинает выгрузку; Esc во время выгрузки отменяет её.
export-running = Выгрузка…
export-cancelling = Отмена…
export-progress = { $stage }: { $rows ->
    [one] { $rows } строка
    [few] { $rows } строки
   *[many] { $rows } строк
  }
flash-export-done = Выгружено: { $rows ->
    [one] { $rows } строка
    [few] { $rows } строки
   *[many] { $rows } строк
  } — { $path }
flash-export-report = Отчёт записан: { $path }
flash-export-cancelled = Выгрузка отменена; ничего не записано.
what-export = выгрузка

## Importing from the app
screen-import = Загрузка
key-import = загрузить таблицу визитов CSV или папку выгрузки CSV
field-import-path = Файл или папка
hint-import-path = полный путь, например /media/usb/kezek-2026-11-24
import-how = Таблица визитов (.csv в формате выгрузки или журнала, заголовки на английском, русском или кыргызском) или папка полной выгрузки kezek в CSV. Ctrl+S сначала проверяет; ничего не записывается, пока вы не подтвердите.
import-would = Строк в файле: { $rows }. Будет создано: { $events ->
    [one] { $events } день приёма
    [few] { $events } дня приёма
   *[many] { $events } дней приёма
  }, { $persons ->
    [one] { $persons } гражданин
    [few] { $persons } гражданина
   *[many] { $persons } граждан
  }, { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  }, { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  }, { $appeals ->
    [one] { $appeals } обращение
    [few] { $appeals } обращения
   *[many] { $appeals } обращений
  }, { $members ->
    [one] { $members } участник обращений
    [few] { $members } участника обращений
   *[many] { $members } участников обращений
  }; с гражданами из базы: { $matched ->
    [one] { $matched } строка
    [few] { $matched } строки
   *[many] { $matched } строк
  }; загружено ранее: { $already ->
    [one] { $already } строка
    [few] { $already } строки
   *[many] { $already } строк
  }.
import-confirm = Enter: загрузить · Esc: выйти
import-refused = { $count ->
    [one] { $count } ошибка
    [few] { $count } ошибки
   *[many] { $count } ошибок
  }; ничего не будет загружено, пока файл не исправлен:
import-problem = { $file }строка { $line }, столбец { $column }{ $value }: { $message }
import-checking = Проверка…
import-running = Загрузка…
flash-import-done = Загружено: дней приёма { $events }, граждан { $persons }, визитов { $visits }, консультаций { $consultations }.
flash-import-cancelled = Загрузка отменена; ничего не записано.
what-import = загрузка
key-cancel-job = отменить (ничего не останется)

## The command line's own lines
cli-exported = выгружено { $counts } в { $path }
cli-exported-report = отчёт записан в { $path }
cli-export-cancelled = выгрузка отменена; ничего не записано
cli-import-cancelled = загрузка отменена; ничего не загружено
cli-import-nothing = ничего не загружено
cli-import-disk-full = диск заполнен: ничего не импортировано (журнал такой же, как до импорта); освободите место и импортируйте снова
cli-import-disk-full-open = диск заполнен: ничего не импортировано; базу данных не удалось обновить по журналу (из него ничего не потеряно, база, которую не удалось открыть, сохранена рядом один раз); освободите место и импортируйте снова
cli-import-view-behind = записи в журнале (ничего не потеряно, повторный импорт файла ничего не создаст), но база данных не смогла принять их все (диск заполнен?); освободите место: при следующем запуске или сохранении она обновится
cli-import-more = … и ещё { $count }
cli-import-created = строк в файле: { $rows }; создано: { $events ->
    [one] { $events } день приёма
    [few] { $events } дня приёма
   *[many] { $events } дней приёма
  }, { $persons ->
    [one] { $persons } гражданин
    [few] { $persons } гражданина
   *[many] { $persons } граждан
  }, { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  }; с гражданами из базы: { $matched ->
    [one] { $matched } строка
    [few] { $matched } строки
   *[many] { $matched } строк
  }; загружено ранее: { $already ->
    [one] { $already } строка
    [few] { $already } строки
   *[many] { $already } строк
  }
cli-import-would = строк в файле: { $rows }; будет создано: { $events ->
    [one] { $events } день приёма
    [few] { $events } дня приёма
   *[many] { $events } дней приёма
  }, { $persons ->
    [one] { $persons } гражданин
    [few] { $persons } гражданина
   *[many] { $persons } граждан
  }, { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  }; с гражданами из базы: { $matched ->
    [one] { $matched } строка
    [few] { $matched } строки
   *[many] { $matched } строк
  }; загружено ранее: { $already ->
    [one] { $already } строка
    [few] { $already } строки
   *[many] { $already } строк
  }
cli-import-created-more = а также создано: { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  }, { $appeals ->
    [one] { $appeals } обращение
    [few] { $appeals } обращения
   *[many] { $appeals } обращений
  }, { $members ->
    [one] { $members } участник обращений
    [few] { $members } участника обращений
   *[many] { $members } участников обращений
  }
cli-import-would-more = а также будет создано: { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  }, { $appeals ->
    [one] { $appeals } обращение
    [few] { $appeals } обращения
   *[many] { $appeals } обращений
  }, { $members ->
    [one] { $members } участник обращений
    [few] { $members } участника обращений
   *[many] { $members } участников обращений
  }
cli-import-on-record = {"  "}строка { $line }: { $name } (уже в базе)
cli-import-by-slot = строк без документа и даты рождения, сопоставленных с визитами по имени, дню приёма и минуте прихода: { $count }
cli-written = записано в { $path }
cli-check-journal = журнал: { $ops ->
    [one] { $ops } запись журнала
    [few] { $ops } записи журнала
   *[many] { $ops } записей журнала
  }, { $bytes ->
    [one] { $bytes } байт
    [few] { $bytes } байта
   *[many] { $bytes } байт
  }
cli-check-records = записи: { $events ->
    [one] { $events } день приёма
    [few] { $events } дня приёма
   *[many] { $events } дней приёма
  }, { $persons ->
    [one] { $persons } гражданин
    [few] { $persons } гражданина
   *[many] { $persons } граждан
  }, { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  }, { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  }, { $appeals ->
    [one] { $appeals } коллективное обращение
    [few] { $appeals } коллективных обращения
   *[many] { $appeals } коллективных обращений
  } (участников: { $members })
cli-salvage-ops = {"  "}из целых записей журнала: { $ops ->
    [one] { $ops } запись журнала
    [few] { $ops } записи журнала
   *[many] { $ops } записей журнала
  }; повреждено или не дописано: { $bytes ->
    [one] { $bytes } байт
    [few] { $bytes } байта
   *[many] { $bytes } байт
  }
cli-demo-done = демонстрационная база в { $dir } ({ $seconds } с): { $persons ->
    [one] { $persons } гражданин
    [few] { $persons } гражданина
   *[many] { $persons } граждан
  } (подставных дубликатов: { $planted }), { $events ->
    [one] { $events } день приёма
    [few] { $events } дня приёма
   *[many] { $events } дней приёма
  }, { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
   *[many] { $visits } визитов
  }, { $consultations ->
    [one] { $consultations } консультация
    [few] { $consultations } консультации
   *[many] { $consultations } консультаций
  }, { $appeals ->
    [one] { $appeals } коллективное обращение
    [few] { $appeals } коллективных обращения
   *[many] { $appeals } коллективных обращений
  }; участников в них: { $members }
cli-backup-done = резервная копия записана в { $path }: { $ops ->
    [one] { $ops } запись журнала
    [few] { $ops } записи журнала
   *[many] { $ops } записей журнала
  }, { $bytes ->
    [one] { $bytes } байт
    [few] { $bytes } байта
   *[many] { $bytes } байт
  } ({ $seconds } с)
cli-restore-done = восстановлено в { $dir }: { $ops ->
    [one] { $ops } запись журнала
    [few] { $ops } записи журнала
   *[many] { $ops } записей журнала
  } ({ $seconds } с); kezek check проходит
cli-check-store = хранилище: { $dir }
cli-check-rebuilt = база данных перестроена по журналу
cli-check-damaged = ПОВРЕЖДЕНО: { $damage }
cli-check-damaged-hint = ничего не изменено. Выполните `kezek check --salvage`, чтобы восстановить все целые записи и то, что хранит база данных (старые файлы остаются рядом с новыми)
cli-check-consistent = индекс: согласован
cli-check-index = индекс: недостающих ключей: { $missing }, устаревших ключей: { $stale }, нечитаемых записей журнала: { $unreadable }; база данных применена до байта { $applied } из { $bytes }
cli-check-rebuild-hint = выполните `kezek check --rebuild`, чтобы перестроить базу данных по журналу (старая будет отложена в сторону)
cli-salvaged = хранилище восстановлено: { $dir }
cli-no-store = в { $dir } нет хранилища: проверьте --data-dir (новое создают `kezek demo`, `kezek import`, `kezek restore` или приложение)
cli-import-line = строка { $line }
cli-import-column = столбец { $column }
cli-salvage-unreadable-view = {"  "}базу данных прочитать не удалось: использованы только целые записи журнала
cli-salvage-restored = {"  "}возвращено, как было в базе данных: { $restored }; снова убрано: { $forgotten }; нечитаемых, пропущено: { $unreadable }
cli-salvage-kept = {"  "}сохранено: { $path }
cli-rebuild-moved = старая база данных перемещена в { $path }
cli-compacted = база данных переписана по порядку: было { $before } МБ, стало { $after } МБ ({ $entries } записей, сверены по одной)

## app safety

# A confirmation's keys: $yes and $no are the letters that answer it in this language.
confirm-answer-keys = { $yes } / Enter: да · { $no } / Esc: нет
# A command found the store held by another kezek (on a desk: almost always the app).
cli-in-use = Хранилище в { $dir } открыто в kezek на этом рабочем месте: в приложении или в команде, которая ещё не закончилась. Открыть его может только один kezek одновременно; ничего не прочитано и не изменено.
cli-in-use-report = Те же показатели есть в приложении: r открывает их (по всем записям — в списке дней приёма, по одному дню — в его очереди).
cli-in-use-export = Выгрузка из приложения: r открывает показатели, затем x выгружает их вместе с записями.
cli-in-use-find = Поиск гражданина в приложении: / в списке дней приёма, в очереди или в карточке.
cli-in-use-slip = Памятка из приложения: откройте очередь дня приёма, выберите визит, нажмите s.
cli-in-use-check = Сначала закройте приложение (q в списке дней приёма), затем снова запустите kezek check.
cli-in-use-import = Загрузка из приложения: i в списке дней приёма.
cli-in-use-demo = Сначала закройте приложение, затем снова запустите эту команду.
cli-in-use-app = Перейдите в окно, где оно открыто, или сначала закройте его.

## Резервная копия из приложения
screen-backup = Резервная копия
key-backup = записать резервную копию всех записей в файл (можно на флешку)
hint-backup = копия
field-backup-path = Куда
hint-backup-path = полный путь, например /media/usb/kezek-backup.kzb
backup-how = Один файл со всеми записями; работа при этом продолжается. Enter записывает; файл появляется под своим именем только целиком. Восстановление: kezek restore ФАЙЛ --data-dir НОВАЯ-ПАПКА
backup-running = Запись резервной копии…
backup-cancelling = Отмена…
backup-progress = { $done } { $done_unit } из { $total } { $total_unit }
backup-keep = Храните её не на этом компьютере. Esc — назад.
backup-failed = Резервная копия не записана, под этим именем ничего не осталось: { $reason }
flash-backup-written = Резервная копия записана: { $path }, записей: { $records }, { $size } { $unit }
flash-backup-failed = Резервная копия не записана; причина — в окне.
flash-backup-cancelled = Резервная копия отменена; ничего не записано.
err-backup-denied = в эту папку писать нельзя; выберите другую
err-backup-no-folder = такой папки нет (флешка вставлена?)
err-backup-disk-full = этот диск заполнен; освободите на нём место или выберите другое
err-backup-read-only = этот диск только для чтения
err-backup-inside-store = это внутри папки данных: копия заменила бы файлы хранилища или пропала бы вместе с ним; выберите место вне её (флешку)
err-backup-not-a-file = это не файл (папка, устройство или канал); введите имя файла
unit-bytes = Б
unit-kb = КБ
unit-mb = МБ
unit-gb = ГБ

## Восстановление из приложения
confirm-salvage-title = Восстановить повреждённое хранилище?
confirm-salvage = kezek ненадолго закроет хранилище и запишет новый журнал из всех целых кадров старого, а также из всех записей базы данных, чьи кадры повреждены или пропали. Старые журнал и база данных остаются рядом с новыми (ничего не удаляется). Открытая форма остаётся как есть. Восстановить сейчас?
salvage-running-title = Восстановление…
salvage-running = Хранилище закрыто, пока пишется и проверяется новый журнал. Подождите.
salvage-done-title = Восстановление завершено
salvage-done = Записей в хранилище: { $records }. Из целых кадров журнала операций: { $intact }; возвращено из базы данных записей: { $restored }.
salvage-kept = Сохранено: { $path }
salvage-verified = Новый журнал проверен: сохранение снова работает.
salvage-not-verified = Новый журнал всё ещё не проходит проверку: ничего не сохраняется. Закройте kezek и выполните kezek check.
salvage-failed-title = Восстановление не выполнено
salvage-failed = Ничего не перемещено, старые файлы остались как были: { $reason }
salvage-close = Любая клавиша закрывает это окно.
flash-salvage-wait-job = Сначала дождитесь конца выгрузки, загрузки или резервной копии (или отмените), затем нажмите F6.
err-salvage-busy = хранилище ещё занято выполняющейся задачей; подождите немного и снова нажмите F6
err-salvage-reopen = хранилище не удалось открыть снова: закройте kezek и выполните kezek check --salvage

## The member being edited keeps its person
suggest-fixed = Человека правят в его карточке
flash-nothing-changed = Ничего не изменилось — сохранять нечего.
flash-still-saving = Ещё сохраняется — подождите, ответ появится здесь.
flash-saved-late = Сохранено. Форма закрылась раньше, чем был получен ответ; списки перечитаны.
## Settings and the first start
screen-settings = Настройки
screen-first-start = Добро пожаловать в kezek: это рабочее место
settings-about = Как называется это рабочее место, его буква перед номерами очереди, кто здесь работает и язык. Сохраняется в файл настроек и действует при следующем запуске.
settings-first-start = До первого посетителя: назовите рабочее место, дайте ему букву (A, B, …: у каждого места в день приёма своя, чтобы номера не совпадали: A-017, B-017) и укажите, кто здесь работает. Esc — пока оставить как есть.
field-desk-name = Рабочее место
field-desk-letter = Буква места
hint-desk-letter = одна буква от A до Z перед номером очереди
field-officer = Сотрудник
hint-officer = кто работает на этом месте (пусто — название места)
field-interface-language = Язык
err-desk-letter = буква места — одна латинская буква от A до Z
flash-settings-saved = Сохранено: настройки записаны в файл настроек.
what-settings = настройки
key-settings = настройки: рабочее место, буква, сотрудник, язык

## Исправление данных человека (e в карточке)
screen-person-edit = Данные человека
key-edit-person = исправить данные человека (прежняя версия сохраняется)
hint-edit-person = данные
flash-person-saved = Сохранено: { $name }. Прежние данные — в истории карточки.
what-person = данные человека
card-person-versions = Изменения данных ({ $count })

## Обезличенные выгрузки (ANONYMIZED.txt)
anon-k = Защита малых групп: каждое опубликованное сочетание квазиидентификаторов описывает не менее { $k } человек (k = { $k }).
anon-quasi = Квазиидентификаторы: область, город, пол, возрастная группа и дни приёма, на которые приходил человек (идентификатор, дата, город, место, смещение от UTC); у каждого человека одна возрастная группа — на его последний визит в периоде.
anon-suppressed = Скрытая ячейка записана как «*». Каждый уровень скрывает всё, что скрывал предыдущий, и больше; строки человека публикуются на первом уровне, где в его группе не менее k человек.
anon-published = Уровень { $level } ({ $how }): опубликовано человек — { $count }
anon-level-0 = ничего не скрыто
anon-level-1 = скрыт город
anon-level-2 = скрыты город и область
anon-level-3 = скрыты город и область, возрастные группы укрупнены до 0-17, 18-34, 35-54, 55+
anon-level-4 = скрыты город, область и возрастная группа
anon-level-5 = скрыты город, область, возрастная группа и пол
anon-level-6 = скрыты город, область, возрастная группа, пол и столбцы дня приёма
anon-withheld = Не выгружено (ни одной их строки нет в выгрузке): человек — { $count }
anon-none-published = Никого не удалось опубликовать: каждый человек выгрузки в группе меньше чем из k, поэтому в ней нет ни одной записи о людях.
anon-removed = Удалено (столбцы пусты): фамилия, имя, отчество, дата рождения, документ, телефон, цель визита, номер в очереди, время прихода, время ожидания, время консультации, её заметки и разъяснения, сотрудник, название обращения и ответчик. Скрыто («*»): даты и город обращения, а также даты контроля консультации там, где скрыт её день приёма.
anon-pseudonymised = Заменено псевдонимами, одинаковыми во всех таблицах только этой выгрузки и случайными для каждой выгрузки: граждане P…, визиты V…, консультации C…, обращения A…, участники обращений M…, каждый — буква и 8 цифр. Строки каждой таблицы идут в случайном порядке.
anon-coarsened = Огрублено: дата рождения — до возрастной группы. Не защищено: всё, что строка сообщает помимо квазиидентификаторов (темы, результаты, суммы, язык), публикуется как есть.
cli-check-hash = хеш базы: { $hash }
cli-bundle-written = пакет записан в { $path }: операций: { $ops }, байт: { $bytes }, стол { $desk } ({ $seconds } с)
cli-bundle-read = { $path }: стол { $desk }, новых операций: { $new }
cli-bundle-own = { $path }: пакет этого же стола, пропущен
cli-bundle-ops = новых операций: { $new }; уже есть на этом столе: { $known }
cli-bundle-persons = лица: новых { $new }, изменённых { $changed }
cli-bundle-visits = визиты: новых { $new }, изменённых { $changed }
cli-bundle-consultations = консультации: новых { $new }, изменённых { $changed }
cli-bundle-appeals = коллективные обращения: новых { $new }, изменённых { $changed }
cli-bundle-members = участники обращений: новых { $new }, изменённых { $changed }
cli-bundle-events = дни приёма: новых { $new }, изменённых { $changed }
cli-bundle-moves = перемещений в очереди: { $moves }; объединений лиц: { $merges }
cli-bundle-conflicts = расхождений: { $n } (запись изменена здесь и на другом столе с одной версии; обе версии сохранены, показана более поздняя)
cli-bundle-nothing = ничего нового: на этом столе уже есть все операции пакета
cli-bundle-dry-run = пробный прогон: ничего не записано
cli-bundle-merged = объединено с этим хранилищем одним пакетом ({ $seconds } с)
cli-bundle-this-desk = этот стол: { $desk } ({ $name }, буква { $letter })
cli-bundle-desk-held = стол { $desk } ({ $name }, буква { $letter }): записи до { $at }
cli-bundle-look-alikes = новые лица, похожие на лица на этом столе: { $n } (проверьте и объедините в карточке лица, Shift+M)
cli-bundle-look-alike = { $new } ({ $id }) — { $here } ({ $here_id }): { $why }
cli-bundle-look-alikes-more = … и ещё { $n }
cli-bundle-clock-suspect = операций с датой дальше допустимого расхождения впереди часов этого стола: { $n } (неверная дата на ноутбуке? они объединены, но часы этого стола за ними не следуют)
cli-in-use-bundle = Сначала закройте приложение (q в списке дней приёма), затем снова запустите kezek bundle import. Для kezek bundle export закрывать не нужно: он работает при открытом приложении.
cli-bundle-not-for-us = { $path }: сделан для другого стола (в нём нет операций, которых может не хватать этому), пропущен
cli-bundle-own-recovered = собственных операций этого стола, которых не было в его журнале (восстановление из копии?), возвращено: { $n }
cli-bundle-view-behind = операции записаны в журнал (ничего не потеряно), но база данных не смогла принять их все (диск заполнен?); освободите место: при следующем запуске или сохранении она будет обновлена
screen-exchange = Обмен с другими столами
key-exchange = обмен записями с другими столами через флешку: отправить свои, объединить чужие
field-exchange-what = Действие
exchange-what-merge = объединить пакеты с флешки с этим столом
exchange-what-send = записать записи этого стола на флешку
field-exchange-path = Папка или файл
hint-exchange-path = папка флешки, например /media/usb (каждый стол пишет туда свой пакет)
exchange-how = Объединить: Ctrl+S показывает, что принесут пакеты из папки; затем Enter объединяет их все сразу. Отправить: Ctrl+S записывает пакет этого стола в папку (файл появляется под своим именем только целиком).
exchange-busy = Выполняется…
exchange-sent = Записано: { $path }, операций: { $ops }, { $size } { $unit }. Отнесите флешку к следующему столу.
exchange-failed = Ничего не записано и не объединено: { $reason }
exchange-ops = Пакетов: { $bundles }; новых операций: { $new }; уже есть: { $known }; пропущено: { $passed }
exchange-kinds = Новых лиц: { $persons }, визитов: { $visits }, консультаций: { $consultations }, обращений: { $appeals }; изменённых записей: { $changed }
exchange-conflicts = Изменено здесь и на другом столе с одной версии: { $n } (обе версии сохранены; показана более поздняя; список — c на экране «Дни приёма»)
exchange-look-alikes = Новых лиц, похожих на лица на этом столе: { $n } (список — c на экране «Дни приёма»; там Shift+M объединяет пару после проверки)
exchange-clock-suspect = Операций с датой дальше впереди часов этого стола, чем допускает clock_skew_minutes: { $n } (неверная дата на ноутбуке?)
exchange-enter-merges = Enter объединяет их с этим столом.
exchange-merged = Объединено с этим столом одним пакетом.
exchange-nothing = Ничего нового: на этом столе уже есть все их операции.
exchange-view-behind = Операции записаны в журнал (ничего не потеряно), но база данных не смогла принять их все: диск заполнен? Освободите место и перезапустите kezek.
flash-bundle-written = Пакет записан: { $path } (операций: { $ops })
flash-bundle-merged = Объединено: операций с других столов: { $ops }
flash-bundle-view-behind = Записано в журнал, но база данных отстаёт (диск заполнен?)
flash-bundle-failed = Не выполнено: причина на экране обмена
flash-clock-behind = Часы этого ноутбука отстают от последней сохранённой записи на { $minutes } мин: проверьте дату и время, прежде чем продолжать
cli-conflicts-none = расхождений нет: ни одна запись не изменена на двух столах так, что один не видел изменения другого
cli-conflicts-suspects = записи, изменённые операцией с датой впереди часов этого стола больше допустимого: { $n } (проверьте дату на том ноутбуке; kezek bundle resolve ID --keep shown отмечает запись просмотренной)
cli-conflicts-suspect = { $id } ({ $name }), стол { $desk }, дата { $at }
cli-conflicts-look-alikes = новые лица из слияния, похожие на лица на этом столе: { $n } (объедините их в карточке лица, Shift+M, после проверки)
cli-conflict-looked-at = { $id } отмечена просмотренной; запись не изменилась
cli-conflicts-total = расхождений: { $n } (kezek bundle resolve ID --keep shown|other решает один)
cli-conflict-person = лицо { $id }, версия { $rev }:
cli-conflict-consultation = консультация { $id }, версия { $rev }:
cli-conflict-appeal = коллективное обращение { $id }, версия { $rev }:
cli-conflict-member = участник обращения { $id }, версия { $rev }:
cli-conflict-money = различается сумма: выберите, какая остаётся
cli-conflict-field = { $field }: показано «{ $shown }», сохранено также «{ $other }»
cli-conflict-who = показано: { $shown }; сохранено также: { $other }
cli-conflict-resolved = решено: { $id } теперь версия { $rev } на этом столе (другие столы получат её со следующим пакетом)
cli-conflict-not-found = у { $id } нет расхождения (kezek bundle conflicts перечисляет те, у которых есть)
cli-conflict-several = у { $id } { $n } версий с разных столов: выберите, какая остаётся, на экране расхождений в приложении (c на экране приёмов), где у каждой своя строка, или оставьте показанную (--keep shown)

# The conflicts screen
screen-conflicts = Расхождения между столами
key-conflicts = записи, которые два стола изменили, не видя изменений друг друга, и записи с датой впереди часов этого ноутбука
key-keep-shown = оставить версию, которую показывают все столы (с подтверждением); запись с подозрительной датой: отметить как просмотренную
hint-keep-shown = оставить
key-take-other = взять вместо неё другую версию (с подтверждением)
hint-take-other = другая
key-conflict-card = карточка лица этой записи
conflicts-title = Расхождения между столами ({ $count })
conflicts-none = Расхождений нет. Если два стола изменят одну запись, не видя изменений друг друга, после объединения здесь появятся обе версии; здесь же — записи, которые другой стол датировал впереди часов этого ноутбука.
conflict-kind-person = Лицо
conflict-kind-consultation = Консультация
conflict-kind-appeal = Обращение
conflict-kind-member = Участник обращения
conflict-flag-money = сумма различается
conflict-flag-clock = подозрительная дата
conflict-flag-no-conflict = без расхождения
conflict-who = { $officer }, { $when } (версия { $rev })
conflict-who-anon = { $when } (версия { $rev })
conflict-shown = Показана на всех столах: { $who }
conflict-other = Сохранена также: { $who }
conflict-field = { $field }: показано «{ $shown }», другая «{ $other }»
conflict-money = Различается сумма: правило само её не выбирает. Проверьте, какая верна, прежде чем выбрать.
conflict-clock = Дата { $when } от стола { $desk }: при объединении была впереди часов этого ноутбука. Проверьте дату и время на том ноутбуке.
conflict-how = Enter оставляет показанную версию, s (ы на русской раскладке) берёт другую: выбор сохраняется новой версией, которую все столы получат при следующем обмене.
conflict-how-seen = Enter отмечает запись как просмотренную; сама запись не меняется.
confirm-keep-shown-title = Оставить показанную версию?
confirm-keep-shown = Оставить версию записи «{ $name }», которую показывают все столы? Она сохранится новой версией и уйдёт на другие столы со следующим пакетом.
confirm-take-other-title = Взять другую версию?
confirm-take-other = Взять другую версию записи «{ $name }» вместо показанной? Она сохранится новой версией и заменит показанную на всех столах после следующего обмена.
confirm-suspect-seen-title = Просмотрено?
confirm-suspect-seen = Отметить запись «{ $name }» как просмотренную? Запись не меняется; её забывает только этот список.
flash-conflict-settled = Сохранено: расхождение решено на этом столе; следующий пакет передаст выбор другим.
flash-conflict-gone = Решать нечего: у записи больше нет расхождения.
what-settle-conflict = Решение расхождения
key-merge-look-alike = объединить новое лицо с похожим лицом на этом столе (с подтверждением, оба рядом)
conflict-flag-look-alike = похоже на лицо на этом столе
conflict-look-alike = Похоже на «{ $name }» на этом столе: { $why }.
conflict-how-look-alike = Shift+M объединяет их (с подтверждением, оба рядом); Enter — это разные люди.
confirm-not-same-title = Разные люди?
confirm-not-same = «{ $name }» — не то лицо на этом столе, на которое похоже? Оба остаются как есть; их забывает только этот список.
confirm-settle-money = Суммы различаются: сверьтесь с документами, прежде чем ответить.
confirm-settle-several = У этой записи { $n } версий в списке: один выбор решает все, невыбранные остаются в её истории.
confirm-answer-letters = { $yes }: да · { $no } / Esc: нет
# Refusals of bundles (`kezek bundle`, the exchange screen).
err-bundle-not-a-bundle = { $path } — не пакет kezek
err-bundle-newer = { $path } записан более новой версией kezek (формат пакета { $version }; эта читает { $reads }); обновите kezek на этом столе
err-bundle-bad-version = в { $path } указан формат пакета { $version }, которого не пишет ни один kezek: файл повреждён
err-bundle-damaged = { $path } повреждён или неполон ({ $what }); запишите его заново на столе, с которого он получен
err-bundle-damage-cut = обрывается
err-bundle-damage-checksum = не сходится контрольная сумма
err-bundle-damage-head = испорчен заголовок
err-bundle-damage-frame = испорчен кадр операции
err-bundle-damage-count = операций больше или меньше, чем сказано
err-bundle-damage-op = операция не читается
err-bundle-too-large = { $path } больше, чем может быть пакет (1 ГиБ)
err-bundle-from-this-desk = { $path } записан этим столом и не содержит ничего, чего здесь нет; принесите пакеты других столов
err-bundle-not-for-this-desk = { $path } сделан для стола { $desk } (или для этого стола по тому, что было в нём до восстановления): в нём нет операций, которых здесь может не хватать; попросите пакет для этого стола или со всеми операциями (`kezek bundle export` без --for)
err-bundle-unknown = { $path } ссылается на записи, которых нет ни в нём, ни на этом столе ({ $missing }; первая: { $first }); сначала принесите пакеты столов, через которые он сюда попал
err-bundle-changed = пакеты изменились после проверки; ничего не объединено: проверьте их снова
err-bundle-empty-folder = в { $path } нет пакетов (файлов *.{ $ext })
err-bundle-not-a-file = { $path } — не файл (папка, устройство или канал); укажите имя файла
err-bundle-inside-store = { $path } находится в каталоге данных; запишите пакет в другое место (на флешку)
err-bundle-for-this-desk = { $desk } — это сам этот стол: пакет для него не содержал бы ничего; укажите id другого стола (их перечисляет `kezek bundle desks`) или не указывайте --for
err-bundle-desk-clash = { $path } получен со стола организации { $other }, чей id { $desk } известен здесь как стол организации { $known }: одно из двух хранилищ — копия другого (или код изменили); ничего не объединено. Заведите для копии новое хранилище или верните ей прежнюю организацию
cli-bundle-bad-desk = { $typed } — не id стола (16 шестнадцатеричных цифр, как печатает `kezek bundle desks`)
cli-bundle-bad-record-id = { $id } — не id записи (26 символов)
cli-in-use-conflicts = То же есть в приложении: c в списке дней приёма показывает расхождения и решает их. Или сначала закройте приложение (q в списке дней приёма) и снова запустите команду.
