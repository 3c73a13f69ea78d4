"""Dictionary values {code, nameRu, nameKz} of the simulated registries (their real dictionaries are not public).

Benefit kinds are the services of Order No. 407 by slug, with their Kazakh titles from the order
(shared/seeds/000_35060450d94081fb.txt: regulation 1 L140, 2 L817, 3 L1612, 4 L2334, 5 L2983, 6 L3732,
7 L4541, 10 L6006, 15 L8450, 16 L8970) and Qaqpa's Russian renderings.
"""

from __future__ import annotations

from typing import Final

from mocks.gbdfl.dictionaries import Value
from mocks.population._people import settlement_by_kato

RESULT_OK: Final = Value("00000", "Сообщение успешно обработано", "Хабарлама сәтті өңделді")
RESULT_NO_DATA: Final = Value("10001", "Сведения отсутствуют", "Мәліметтер жоқ")
RESULT_INVALID_IIN: Final = Value("20001", "Некорректный ИИН", "ЖСН дұрыс емес")
RESULT_INVALID_PARAMETERS: Final = Value("20002", "Некорректные параметры запроса", "Сұрау параметрлері дұрыс емес")
RESULT_UNAVAILABLE: Final = Value("30001", "Сервис временно недоступен", "Сервис уақытша қолжетімсіз")

ACT_KINDS: Final = {
    "BIRTH": Value("BIRTH", "РОЖДЕНИЕ", "ТУУ"),
    "MARRIAGE": Value("MARRIAGE", "ЗАКЛЮЧЕНИЕ БРАКА", "НЕКЕ ҚИЮ"),
    "DIVORCE": Value("DIVORCE", "РАСТОРЖЕНИЕ БРАКА", "НЕКЕНІ БҰЗУ"),
    "DEATH": Value("DEATH", "СМЕРТЬ", "ҚАЙТЫС БОЛУ"),
}
GUARDIANSHIP_KINDS: Final = {
    "GUARDIANSHIP": Value("GUARDIANSHIP", "ОПЕКА", "ҚОРҒАНШЫЛЫҚ"),
    "CUSTODY": Value("CUSTODY", "ПОПЕЧИТЕЛЬСТВО", "ҚАМҚОРШЫЛЫҚ"),
    "ADOPTION": Value("ADOPTION", "УСЫНОВЛЕНИЕ (УДОЧЕРЕНИЕ)", "БАЛА АСЫРАП АЛУ"),
    "FOSTER_FAMILY": Value("FOSTER_FAMILY", "ПРИЕМНАЯ СЕМЬЯ", "ҚАБЫЛДАУШЫ ОТБАСЫ"),
}
DECISION_KINDS: Final = {
    "ADOPTION": Value("ADOPTION", "ОБ УСЫНОВЛЕНИИ", "БАЛА АСЫРАП АЛУ ТУРАЛЫ"),
    "DECLARED_MISSING": Value(
        "DECLARED_MISSING", "О ПРИЗНАНИИ БЕЗВЕСТНО ОТСУТСТВУЮЩИМ", "ХАБАР-ОШАРСЫЗ КЕТТІ ДЕП ТАНУ ТУРАЛЫ"
    ),
    "DECLARED_DEAD": Value("DECLARED_DEAD", "ОБ ОБЪЯВЛЕНИИ УМЕРШИМ", "ҚАЙТЫС БОЛДЫ ДЕП ЖАРИЯЛАУ ТУРАЛЫ"),
}
DISABILITY_GROUPS: Final = {
    "I": Value("I", "ПЕРВАЯ ГРУППА", "БІРІНШІ ТОП"),
    "II": Value("II", "ВТОРАЯ ГРУППА", "ЕКІНШІ ТОП"),
    "III": Value("III", "ТРЕТЬЯ ГРУППА", "ҮШІНШІ ТОП"),
    "CHILD": Value("CHILD", "РЕБЕНОК С ИНВАЛИДНОСТЬЮ ДО 16 ЛЕТ", "16 ЖАСҚА ДЕЙІНГІ МҮГЕДЕКТІГІ БАР БАЛА"),
}
DISABILITY_CAUSES: Final = {
    "GENERAL_ILLNESS": Value("GENERAL_ILLNESS", "ОБЩЕЕ ЗАБОЛЕВАНИЕ", "ЖАЛПЫ АУРУ"),
    "WORK_INJURY": Value("WORK_INJURY", "ТРУДОВОЕ УВЕЧЬЕ", "ЕҢБЕК МЕРТІГУІ"),
    "OCCUPATIONAL_DISEASE": Value("OCCUPATIONAL_DISEASE", "ПРОФЕССИОНАЛЬНОЕ ЗАБОЛЕВАНИЕ", "КӘСІПТІК АУРУ"),
    "MILITARY_SERVICE": Value("MILITARY_SERVICE", "ПРИ ПРОХОЖДЕНИИ ВОИНСКОЙ СЛУЖБЫ", "ӘСКЕРИ ҚЫЗМЕТТІ ӨТКЕРУ КЕЗІНДЕ"),
    "SINCE_CHILDHOOD": Value("SINCE_CHILDHOOD", "С ДЕТСТВА", "БАЛА КЕЗІНЕН"),
}
TAX_REGIMES: Final = {
    "SIMPLIFIED_DECLARATION": Value(
        "SIMPLIFIED_DECLARATION", "НА ОСНОВЕ УПРОЩЕННОЙ ДЕКЛАРАЦИИ", "ОҢАЙЛАТЫЛҒАН ДЕКЛАРАЦИЯ НЕГІЗІНДЕ"
    ),
    "PATENT": Value("PATENT", "НА ОСНОВЕ ПАТЕНТА", "ПАТЕНТ НЕГІЗІНДЕ"),
    "GENERAL": Value("GENERAL", "ОБЩЕУСТАНОВЛЕННЫЙ", "ЖАЛПЫ БЕЛГІЛЕНГЕН"),
    "RETAIL_TAX": Value("RETAIL_TAX", "НАЛОГ НА РОЗНИЧНЫЙ БИЗНЕС", "БӨЛШЕК САУДАҒА САЛЫНАТЫН САЛЫҚ"),
}
BANKS: Final = {
    "722": Value("722", "АО «KASPI BANK»", "«KASPI BANK» АҚ"),
    "601": Value("601", "АО «НАРОДНЫЙ БАНК КАЗАХСТАНА»", "«ҚАЗАҚСТАН ХАЛЫҚ БАНКІ» АҚ"),
    "965": Value("965", "АО «FORTEBANK»", "«FORTEBANK» АҚ"),
    "998": Value("998", "АО «JUSAN BANK»", "«JUSAN BANK» АҚ"),
    "856": Value("856", "АО «БАНК ЦЕНТРКРЕДИТ»", "«БАНК ЦЕНТРКРЕДИТ» АҚ"),
    "914": Value("914", "АО «BEREKE BANK»", "«BEREKE BANK» АҚ"),
    "563": Value("563", "АО «КАЗПОЧТА»", "«ҚАЗПОШТА» АҚ"),
}
SMS_DELIVERED: Final = Value("DELIVERED", "ДОСТАВЛЕНО", "ЖЕТКІЗІЛДІ")
SMS_UNDELIVERABLE: Final = Value("UNDELIVERABLE", "НОМЕР НЕ ЗАРЕГИСТРИРОВАН", "НӨМІР ТІРКЕЛМЕГЕН")

BENEFIT_KINDS: Final = {
    "age-pension": Value("age-pension", "ПЕНСИОННЫЕ ВЫПЛАТЫ ПО ВОЗРАСТУ", "ЖАСЫНА БАЙЛАНЫСТЫ ЗЕЙНЕТАҚЫ ТӨЛЕМДЕРІ"),
    "basic-pension": Value(
        "basic-pension", "ГОСУДАРСТВЕННАЯ БАЗОВАЯ ПЕНСИОННАЯ ВЫПЛАТА", "МЕМЛЕКЕТТІК БАЗАЛЫҚ ЗЕЙНЕТАҚЫ ТӨЛЕМІ"
    ),
    "disability-survivor-allowance": Value(
        "disability-survivor-allowance",
        "ГОСУДАРСТВЕННОЕ СОЦИАЛЬНОЕ ПОСОБИЕ ПО ИНВАЛИДНОСТИ",
        "МҮГЕДЕКТІГІ БОЙЫНША МЕМЛЕКЕТТІК ӘЛЕУМЕТТІК ЖӘРДЕМАҚЫ",
    ),
    "state-special-allowance": Value(
        "state-special-allowance", "ГОСУДАРСТВЕННОЕ СПЕЦИАЛЬНОЕ ПОСОБИЕ", "МЕМЛЕКЕТТІК АРНАЙЫ ЖӘРДЕМАҚЫ"
    ),
    "childbirth-childcare-benefits": Value(
        "childbirth-childcare-benefits",
        "ПОСОБИЕ ПРИ РОЖДЕНИИ РЕБЕНКА И ПО УХОДУ ЗА РЕБЕНКОМ",
        "БАЛА ТУҒАНДА БЕРІЛЕТІН ЖӘНЕ БАЛА КҮТІМІ ЖӨНІНДЕГІ ЖӘРДЕМАҚЫ",
    ),
    "special-state-benefit": Value(
        "special-state-benefit", "СПЕЦИАЛЬНОЕ ГОСУДАРСТВЕННОЕ ПОСОБИЕ", "АРНАУЛЫ МЕМЛЕКЕТТІК ЖӘРДЕМАҚЫ"
    ),
    "disabled-child-carer-benefit": Value(
        "disabled-child-carer-benefit",
        "ПОСОБИЕ ВОСПИТЫВАЮЩЕМУ РЕБЕНКА С ИНВАЛИДНОСТЬЮ",
        "МҮГЕДЕК БАЛАНЫ ТӘРБИЕЛЕП ОТЫРҒАНҒА ЖӘРДЕМАҚЫ",
    ),
    "large-family-mothers-benefit": Value(
        "large-family-mothers-benefit",
        "ГОСУДАРСТВЕННОЕ ПОСОБИЕ МНОГОДЕТНЫМ МАТЕРЯМ («АЛТЫН АЛҚА», «КҮМІС АЛҚА»)",
        "КӨП БАЛАЛЫ АНАЛАРҒА МЕМЛЕКЕТТІК ЖӘРДЕМАҚЫ («АЛТЫН АЛҚА», «КҮМІС АЛҚА»)",
    ),
    "childhood-disability-group1-carer-benefit": Value(
        "childhood-disability-group1-carer-benefit",
        "ПОСОБИЕ ПО УХОДУ ЗА ЛИЦОМ С ИНВАЛИДНОСТЬЮ ПЕРВОЙ ГРУППЫ С ДЕТСТВА",
        "БАЛА КЕЗІНЕН БІРІНШІ ТОПТАҒЫ МҮГЕДЕКТІҢ КҮТІМІНЕ БАЙЛАНЫСТЫ ЖӘРДЕМАҚЫ",
    ),
}


def body_of(reference: str) -> Value:
    """A body named by reference, ``court:KATO``, ``akimat:KATO`` or ``center:KATO``, in both languages."""
    kind, _, kato = reference.partition(":")
    place = settlement_by_kato(kato)
    city_ru, city_kz = place.name_ru, place.name_kz
    names = {
        "court": (f"СУД {city_ru}", f"{city_kz} СОТЫ"),
        "akimat": (f"АКИМАТ {city_ru} (ОРГАН ОПЕКИ И ПОПЕЧИТЕЛЬСТВА)", f"{city_kz} ӘКІМДІГІ (ҚОРҒАНШЫЛЫҚ ОРГАНЫ)"),
        "center": (f"ЦЕНТР ТРУДОУСТРОЙСТВА {city_ru}", f"{city_kz} ХАЛЫҚТЫ ЖҰМЫСПЕН ҚАМТУ ОРТАЛЫҒЫ"),
    }[kind]
    return Value(kato, *names)


def registry_office(kato: str) -> Value:
    place = settlement_by_kato(kato)
    return Value(kato, f"ОТДЕЛ РАГС {place.name_ru}", f"{place.name_kz} АХАЖ БӨЛІМІ")
