"""The ГБД ФЛ dictionary values the mock answers with: ``{code, nameRu, nameKz}`` triples.

The shape is the real one (shared/notes/protocols-shep-xroad.md §1.9); the codes below, except the success
result ``00000``, are Qaqpa's own, because the real dictionaries are not public. docs/services.md lists
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mocks.population._names import group_by_code
from mocks.population._places import FOREIGN_BIRTH_COUNTRIES, KAZAKHSTAN


@dataclass(frozen=True, slots=True)
class Value:
    code: str
    name_ru: str
    name_kz: str


RESULT_OK: Final = Value("00000", "Сообщение успешно обработано", "Хабарлама сәтті өңделді")
RESULT_NOT_FOUND: Final = Value("10001", "Сведения по запросу не найдены", "Сұрау бойынша мәліметтер табылмады")
RESULT_INVALID_IIN: Final = Value("20001", "Некорректный ИИН", "ЖСН дұрыс емес")
RESULT_NO_CRITERIA: Final = Value(
    "20002", "Не заданы параметры поиска: ИИН, номер документа или фамилия", "Іздеу параметрлері берілмеген"
)

GENDERS: Final = {"M": Value("1", "МУЖСКОЙ", "ЕР"), "F": Value("2", "ЖЕНСКИЙ", "ӘЙЕЛ")}
LIFE_ALIVE: Final = Value("1", "ЖИВ", "ТІРІ")
LIFE_DECEASED: Final = Value("2", "УМЕР", "ҚАЙТЫС БОЛҒАН")

DOCUMENT_TYPES: Final = {
    "PASSPORT": Value("001", "ПАСПОРТ ГРАЖДАНИНА РК", "ҚР АЗАМАТЫНЫҢ ПАСПОРТЫ"),
    "ID_CARD": Value("002", "УДОСТОВЕРЕНИЕ ЛИЧНОСТИ ГРАЖДАНИНА РК", "ҚР АЗАМАТЫНЫҢ ЖЕКЕ КУӘЛІГІ"),
    "BIRTH_CERTIFICATE": Value("003", "СВИДЕТЕЛЬСТВО О РОЖДЕНИИ", "ТУУ ТУРАЛЫ КУӘЛІК"),
}
ISSUERS: Final = {
    "MVD": Value("001", "МВД РК", "ҚР ІІМ"),
    "ZAGS": Value("003", "ОРГАН РЕГИСТРАЦИИ АКТОВ ГРАЖДАНСКОГО СОСТОЯНИЯ", "АЗАМАТТЫҚ ХАЛ АКТІЛЕРІН ТІРКЕУ ОРГАНЫ"),
}
DOCUMENT_VALID: Final = Value("00", "ДОКУМЕНТ ДЕЙСТВИТЕЛЕН", "ҚҰЖАТ ЖАРАМДЫ")
DOCUMENT_EXPIRED: Final = Value("01", "ИСТЕК СРОК ДЕЙСТВИЯ", "ҚОЛДАНЫЛУ МЕРЗІМІ ӨТКЕН")
DOCUMENT_OWNER_DECEASED: Final = Value(
    "02", "НЕДЕЙСТВИТЕЛЕН В СВЯЗИ СО СМЕРТЬЮ ВЛАДЕЛЬЦА", "ИЕСІНІҢ ҚАЙТЫС БОЛУЫНА БАЙЛАНЫСТЫ ЖАРАМСЫЗ"
)
ADDRESS_REGISTERED: Final = Value("1", "ЗАРЕГИСТРИРОВАН", "ТІРКЕЛГЕН")
CIVIL_REGISTRY_OFFICE: Final = "ОТДЕЛ РЕГИСТРАЦИИ АКТОВ ГРАЖДАНСКОГО СОСТОЯНИЯ"

_COUNTRIES: Final = {KAZAKHSTAN.code: KAZAKHSTAN} | {country.code: country for country, _ in FOREIGN_BIRTH_COUNTRIES}


def country(code: str) -> Value:
    found = _COUNTRIES[code]
    return Value(found.code, found.name_ru, found.name_kz)


def nationality(code: str) -> Value:
    group = group_by_code(code)
    return Value(group.code, group.name_ru, group.name_kz)
