"""Given names, patronymics and surnames of the synthetic citizens served by the mock Individuals DB (ГБД ФЛ).

What the data is
    The eight largest ethnic groups of Kazakhstan, each with common male and female given names and common
    surnames, written the way Kazakh civil registries and identity documents print them: uppercase Cyrillic,
    and an uppercase ASCII Latin form as on the ID card and passport.

Where the facts come from
    * Group shares: the 2021 national census of Kazakhstan (Kazakhs 70.4 %, Russians 15.5 %, Uzbeks 3.2 %,
      Ukrainians 2.0 %, Uyghurs 1.5 %, Germans 1.2 %, Tatars 1.1 %, Koreans 0.6 %), rounded.
    * Names: common names of each group as found among Kazakhstani citizens. Kazakh names use the modern
      official Kazakh spelling with the letters Ә Ғ Қ Ң Ө Ұ Ү І; other names use their usual Russian spelling,
      with Ё written as Е as most registry records do.
    * Patronymics: the Russian-style forms used in documents (НҰРЛАНОВИЧ / НҰРЛАНОВНА, with the usual irregular
      forms such as ИЛЬИЧ / ИЛЬИНИЧНА and МИХАЙЛОВИЧ), and for Kazakh names also the Kazakh-style forms
      НҰРЛАНҰЛЫ / НҰРЛАНҚЫЗЫ that citizens may choose to have registered instead.
    * Latin forms: letter-by-letter transliteration close to the table used for Kazakh ID cards and passports:
      Ә→A, Ғ→G, Қ→K, Ң→N, Ө→O, Ұ Ү→U, І→I, Ы→Y, Ж→ZH, Х→KH, Ц→TS, Ч→CH, Ш→SH, Щ→SHCH, Й→I, Ю→YU, Я→YA,
      Ь and Ъ dropped (НҰРЛАН→NURLAN, ӘЛИЯ→ALIYA, ЮЛИЯ→YULIYA).

What is simulated
    * The three-digit group codes. 001 (Russian), 002 (Ukrainian), 004 (Uzbek) and 005 (Kazakh) follow the order
      in which Soviet censuses listed nationalities; the others are made up. None is taken from the real ГБД ФЛ
      nationality dictionary.
    * Shares are renormalised over the eight modelled groups, which leaves out the roughly 4.5 % of smaller
      peoples (Azerbaijanis, Turks, Dungans, Belarusians, Kyrgyz, ...) for whom no name tables are kept.
    * The name lists are a small, uniform sample; real name frequencies are not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["ETHNIC_GROUPS", "EthnicGroup", "FemaleName", "MaleName", "Surname", "group_by_code"]


@dataclass(frozen=True, slots=True)
class MaleName:
    """A male given name with the patronymics it gives to a son or a daughter."""

    name: str
    latin: str
    patronymic_m: str
    patronymic_f: str
    patronymic_kz_m: str | None
    patronymic_kz_f: str | None


@dataclass(frozen=True, slots=True)
class FemaleName:
    """A female given name."""

    name: str
    latin: str


@dataclass(frozen=True, slots=True)
class Surname:
    """A surname in the form a man and a woman of the same family carry."""

    male: str
    female: str
    male_latin: str
    female_latin: str


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    """An ethnic group (национальность) with its sampling weight and name tables."""

    code: str
    name_ru: str
    name_kz: str
    share: float
    male_names: tuple[MaleName, ...]
    female_names: tuple[FemaleName, ...]
    surnames: tuple[Surname, ...]


# Russians, Ukrainians, Germans and Koreans of Kazakhstan largely share one stock of Russian-spelled given names,
# so each name and its patronymics is written down once here and the groups pick from it.
# The formatter is kept off the tables below: it would give every short entry a line of its own.
# fmt: off

_EUROPEAN_MALE: Final[tuple[MaleName, ...]] = (
    MaleName("АЛЕКСАНДР", "ALEKSANDR", "АЛЕКСАНДРОВИЧ", "АЛЕКСАНДРОВНА", None, None),
    MaleName("АЛЕКСЕЙ", "ALEKSEI", "АЛЕКСЕЕВИЧ", "АЛЕКСЕЕВНА", None, None),
    MaleName("АНАТОЛИЙ", "ANATOLII", "АНАТОЛЬЕВИЧ", "АНАТОЛЬЕВНА", None, None),
    MaleName("АНДРЕЙ", "ANDREI", "АНДРЕЕВИЧ", "АНДРЕЕВНА", None, None),
    MaleName("АНТОН", "ANTON", "АНТОНОВИЧ", "АНТОНОВНА", None, None),
    MaleName("АРКАДИЙ", "ARKADII", "АРКАДЬЕВИЧ", "АРКАДЬЕВНА", None, None),
    MaleName("АРТЕМ", "ARTEM", "АРТЕМОВИЧ", "АРТЕМОВНА", None, None),
    MaleName("АРТУР", "ARTUR", "АРТУРОВИЧ", "АРТУРОВНА", None, None),
    MaleName("БОГДАН", "BOGDAN", "БОГДАНОВИЧ", "БОГДАНОВНА", None, None),
    MaleName("БОРИС", "BORIS", "БОРИСОВИЧ", "БОРИСОВНА", None, None),
    MaleName("ВАДИМ", "VADIM", "ВАДИМОВИЧ", "ВАДИМОВНА", None, None),
    MaleName("ВАЛЕНТИН", "VALENTIN", "ВАЛЕНТИНОВИЧ", "ВАЛЕНТИНОВНА", None, None),
    MaleName("ВАЛЕРИЙ", "VALERII", "ВАЛЕРЬЕВИЧ", "ВАЛЕРЬЕВНА", None, None),
    MaleName("ВАЛЬДЕМАР", "VALDEMAR", "ВАЛЬДЕМАРОВИЧ", "ВАЛЬДЕМАРОВНА", None, None),
    MaleName("ВАЛЬТЕР", "VALTER", "ВАЛЬТЕРОВИЧ", "ВАЛЬТЕРОВНА", None, None),
    MaleName("ВАСИЛИЙ", "VASILII", "ВАСИЛЬЕВИЧ", "ВАСИЛЬЕВНА", None, None),
    MaleName("ВИКТОР", "VIKTOR", "ВИКТОРОВИЧ", "ВИКТОРОВНА", None, None),
    MaleName("ВИТАЛИЙ", "VITALII", "ВИТАЛЬЕВИЧ", "ВИТАЛЬЕВНА", None, None),
    MaleName("ВЛАДИМИР", "VLADIMIR", "ВЛАДИМИРОВИЧ", "ВЛАДИМИРОВНА", None, None),
    MaleName("ВЛАДИСЛАВ", "VLADISLAV", "ВЛАДИСЛАВОВИЧ", "ВЛАДИСЛАВОВНА", None, None),
    MaleName("ВЯЧЕСЛАВ", "VYACHESLAV", "ВЯЧЕСЛАВОВИЧ", "ВЯЧЕСЛАВОВНА", None, None),
    MaleName("ГЕННАДИЙ", "GENNADII", "ГЕННАДЬЕВИЧ", "ГЕННАДЬЕВНА", None, None),
    MaleName("ГЕНРИХ", "GENRIKH", "ГЕНРИХОВИЧ", "ГЕНРИХОВНА", None, None),
    MaleName("ГЕОРГИЙ", "GEORGII", "ГЕОРГИЕВИЧ", "ГЕОРГИЕВНА", None, None),
    MaleName("ГРИГОРИЙ", "GRIGORII", "ГРИГОРЬЕВИЧ", "ГРИГОРЬЕВНА", None, None),
    MaleName("ДАВИД", "DAVID", "ДАВИДОВИЧ", "ДАВИДОВНА", None, None),
    MaleName("ДАНИИЛ", "DANIIL", "ДАНИИЛОВИЧ", "ДАНИИЛОВНА", None, None),
    MaleName("ДЕНИС", "DENIS", "ДЕНИСОВИЧ", "ДЕНИСОВНА", None, None),
    MaleName("ДМИТРИЙ", "DMITRII", "ДМИТРИЕВИЧ", "ДМИТРИЕВНА", None, None),
    MaleName("ЕВГЕНИЙ", "EVGENII", "ЕВГЕНЬЕВИЧ", "ЕВГЕНЬЕВНА", None, None),
    MaleName("ЕГОР", "EGOR", "ЕГОРОВИЧ", "ЕГОРОВНА", None, None),
    MaleName("ИВАН", "IVAN", "ИВАНОВИЧ", "ИВАНОВНА", None, None),
    MaleName("ИГОРЬ", "IGOR", "ИГОРЕВИЧ", "ИГОРЕВНА", None, None),
    MaleName("ИЛЬЯ", "ILYA", "ИЛЬИЧ", "ИЛЬИНИЧНА", None, None),
    MaleName("КИРИЛЛ", "KIRILL", "КИРИЛЛОВИЧ", "КИРИЛЛОВНА", None, None),
    MaleName("КОНСТАНТИН", "KONSTANTIN", "КОНСТАНТИНОВИЧ", "КОНСТАНТИНОВНА", None, None),
    MaleName("ЛЕОНИД", "LEONID", "ЛЕОНИДОВИЧ", "ЛЕОНИДОВНА", None, None),
    MaleName("МАКСИМ", "MAKSIM", "МАКСИМОВИЧ", "МАКСИМОВНА", None, None),
    MaleName("МАТВЕЙ", "MATVEI", "МАТВЕЕВИЧ", "МАТВЕЕВНА", None, None),
    MaleName("МИХАИЛ", "MIKHAIL", "МИХАЙЛОВИЧ", "МИХАЙЛОВНА", None, None),
    MaleName("НИКИТА", "NIKITA", "НИКИТИЧ", "НИКИТИЧНА", None, None),
    MaleName("НИКОЛАЙ", "NIKOLAI", "НИКОЛАЕВИЧ", "НИКОЛАЕВНА", None, None),
    MaleName("ОЛЕГ", "OLEG", "ОЛЕГОВИЧ", "ОЛЕГОВНА", None, None),
    MaleName("ОТТО", "OTTO", "ОТТОВИЧ", "ОТТОВНА", None, None),
    MaleName("ПАВЕЛ", "PAVEL", "ПАВЛОВИЧ", "ПАВЛОВНА", None, None),
    MaleName("ПЕТР", "PETR", "ПЕТРОВИЧ", "ПЕТРОВНА", None, None),
    MaleName("РОБЕРТ", "ROBERT", "РОБЕРТОВИЧ", "РОБЕРТОВНА", None, None),
    MaleName("РОМАН", "ROMAN", "РОМАНОВИЧ", "РОМАНОВНА", None, None),
    MaleName("РУДОЛЬФ", "RUDOLF", "РУДОЛЬФОВИЧ", "РУДОЛЬФОВНА", None, None),
    MaleName("СЕРГЕЙ", "SERGEI", "СЕРГЕЕВИЧ", "СЕРГЕЕВНА", None, None),
    MaleName("СТАНИСЛАВ", "STANISLAV", "СТАНИСЛАВОВИЧ", "СТАНИСЛАВОВНА", None, None),
    MaleName("СТЕПАН", "STEPAN", "СТЕПАНОВИЧ", "СТЕПАНОВНА", None, None),
    MaleName("ТАРАС", "TARAS", "ТАРАСОВИЧ", "ТАРАСОВНА", None, None),
    MaleName("ТИМОФЕЙ", "TIMOFEI", "ТИМОФЕЕВИЧ", "ТИМОФЕЕВНА", None, None),
    MaleName("ФЕДОР", "FEDOR", "ФЕДОРОВИЧ", "ФЕДОРОВНА", None, None),
    MaleName("ФРИДРИХ", "FRIDRIKH", "ФРИДРИХОВИЧ", "ФРИДРИХОВНА", None, None),
    MaleName("ЭДУАРД", "EDUARD", "ЭДУАРДОВИЧ", "ЭДУАРДОВНА", None, None),
    MaleName("ЭМИЛЬ", "EMIL", "ЭМИЛЕВИЧ", "ЭМИЛЕВНА", None, None),
    MaleName("ЭРИХ", "ERIKH", "ЭРИХОВИЧ", "ЭРИХОВНА", None, None),
    MaleName("ЮРИЙ", "YURII", "ЮРЬЕВИЧ", "ЮРЬЕВНА", None, None),
    MaleName("ЯКОВ", "YAKOV", "ЯКОВЛЕВИЧ", "ЯКОВЛЕВНА", None, None),
    MaleName("ЯРОСЛАВ", "YAROSLAV", "ЯРОСЛАВОВИЧ", "ЯРОСЛАВОВНА", None, None),
)

_EUROPEAN_FEMALE: Final[tuple[FemaleName, ...]] = (
    FemaleName("АЛЕКСАНДРА", "ALEKSANDRA"), FemaleName("АЛЕНА", "ALENA"), FemaleName("АЛЛА", "ALLA"),
    FemaleName("АМАЛИЯ", "AMALIYA"), FemaleName("АНАСТАСИЯ", "ANASTASIYA"), FemaleName("АНЖЕЛИКА", "ANZHELIKA"),
    FemaleName("АННА", "ANNA"), FemaleName("АНТОНИНА", "ANTONINA"), FemaleName("ВАЛЕНТИНА", "VALENTINA"),
    FemaleName("ВАЛЕРИЯ", "VALERIYA"), FemaleName("ВАРВАРА", "VARVARA"), FemaleName("ВЕРА", "VERA"),
    FemaleName("ВЕРОНИКА", "VERONIKA"), FemaleName("ВИКТОРИЯ", "VIKTORIYA"), FemaleName("ГАЛИНА", "GALINA"),
    FemaleName("ДАРЬЯ", "DARYA"), FemaleName("ЕВГЕНИЯ", "EVGENIYA"), FemaleName("ЕКАТЕРИНА", "EKATERINA"),
    FemaleName("ЕЛЕНА", "ELENA"), FemaleName("ЕЛИЗАВЕТА", "ELIZAVETA"), FemaleName("ЖАННА", "ZHANNA"),
    FemaleName("ЗИНАИДА", "ZINAIDA"), FemaleName("ЗОЯ", "ZOYA"), FemaleName("ИДА", "IDA"),
    FemaleName("ИННА", "INNA"), FemaleName("ИРИНА", "IRINA"), FemaleName("ИРМА", "IRMA"),
    FemaleName("КРИСТИНА", "KRISTINA"), FemaleName("КСЕНИЯ", "KSENIYA"), FemaleName("ЛАРИСА", "LARISA"),
    FemaleName("ЛЕСЯ", "LESYA"), FemaleName("ЛИДИЯ", "LIDIYA"), FemaleName("ЛИЛИЯ", "LILIYA"),
    FemaleName("ЛЮБОВЬ", "LYUBOV"), FemaleName("ЛЮДМИЛА", "LYUDMILA"), FemaleName("МАРГАРИТА", "MARGARITA"),
    FemaleName("МАРИНА", "MARINA"), FemaleName("МАРИЯ", "MARIYA"), FemaleName("МАРТА", "MARTA"),
    FemaleName("НАДЕЖДА", "NADEZHDA"), FemaleName("НАТАЛЬЯ", "NATALYA"), FemaleName("НИНА", "NINA"),
    FemaleName("ОКСАНА", "OKSANA"), FemaleName("ОЛЕСЯ", "OLESYA"), FemaleName("ОЛЬГА", "OLGA"),
    FemaleName("ПОЛИНА", "POLINA"), FemaleName("СВЕТЛАНА", "SVETLANA"), FemaleName("СОФИЯ", "SOFIYA"),
    FemaleName("ТАМАРА", "TAMARA"), FemaleName("ТАТЬЯНА", "TATYANA"), FemaleName("ФРИДА", "FRIDA"),
    FemaleName("ЭЛЛА", "ELLA"), FemaleName("ЭЛЬЗА", "ELZA"), FemaleName("ЭММА", "EMMA"),
    FemaleName("ЮЛИЯ", "YULIYA"), FemaleName("ЯНА", "YANA"),
)


_EUROPEAN_MALE_BY_NAME: Final[dict[str, MaleName]] = {n.name: n for n in _EUROPEAN_MALE}
_EUROPEAN_FEMALE_BY_NAME: Final[dict[str, FemaleName]] = {n.name: n for n in _EUROPEAN_FEMALE}


def _european_male(names: str) -> tuple[MaleName, ...]:
    return tuple(_EUROPEAN_MALE_BY_NAME[name] for name in names.split())


def _european_female(names: str) -> tuple[FemaleName, ...]:
    return tuple(_EUROPEAN_FEMALE_BY_NAME[name] for name in names.split())

_KAZAKH_MALE: Final[tuple[MaleName, ...]] = (
    MaleName("АСХАТ", "ASKHAT", "АСХАТОВИЧ", "АСХАТОВНА", "АСХАТҰЛЫ", "АСХАТҚЫЗЫ"),
    MaleName("ДӘУРЕН", "DAUREN", "ДӘУРЕНОВИЧ", "ДӘУРЕНОВНА", "ДӘУРЕНҰЛЫ", "ДӘУРЕНҚЫЗЫ"),
    MaleName("ЕРЛАН", "ERLAN", "ЕРЛАНОВИЧ", "ЕРЛАНОВНА", "ЕРЛАНҰЛЫ", "ЕРЛАНҚЫЗЫ"),
    MaleName("ЖАНДОС", "ZHANDOS", "ЖАНДОСОВИЧ", "ЖАНДОСОВНА", "ЖАНДОСҰЛЫ", "ЖАНДОСҚЫЗЫ"),
    MaleName("МҰРАТ", "MURAT", "МҰРАТОВИЧ", "МҰРАТОВНА", "МҰРАТҰЛЫ", "МҰРАТҚЫЗЫ"),
    MaleName("СЕРІК", "SERIK", "СЕРІКОВИЧ", "СЕРІКОВНА", "СЕРІКҰЛЫ", "СЕРІКҚЫЗЫ"),
    MaleName("ТИМУР", "TIMUR", "ТИМУРОВИЧ", "ТИМУРОВНА", "ТИМУРҰЛЫ", "ТИМУРҚЫЗЫ"),
    MaleName("НҰРЛАН", "NURLAN", "НҰРЛАНОВИЧ", "НҰРЛАНОВНА", "НҰРЛАНҰЛЫ", "НҰРЛАНҚЫЗЫ"),
    MaleName("ҚАЙРАТ", "KAIRAT", "ҚАЙРАТОВИЧ", "ҚАЙРАТОВНА", "ҚАЙРАТҰЛЫ", "ҚАЙРАТҚЫЗЫ"),
    MaleName("ЕРБОЛ", "ERBOL", "ЕРБОЛОВИЧ", "ЕРБОЛОВНА", "ЕРБОЛҰЛЫ", "ЕРБОЛҚЫЗЫ"),
    MaleName("АЙДОС", "AIDOS", "АЙДОСОВИЧ", "АЙДОСОВНА", "АЙДОСҰЛЫ", "АЙДОСҚЫЗЫ"),
    MaleName("АЙДАР", "AIDAR", "АЙДАРОВИЧ", "АЙДАРОВНА", "АЙДАРҰЛЫ", "АЙДАРҚЫЗЫ"),
    MaleName("АЛМАС", "ALMAS", "АЛМАСОВИЧ", "АЛМАСОВНА", "АЛМАСҰЛЫ", "АЛМАСҚЫЗЫ"),
    MaleName("АРМАН", "ARMAN", "АРМАНОВИЧ", "АРМАНОВНА", "АРМАНҰЛЫ", "АРМАНҚЫЗЫ"),
    MaleName("АСЛАН", "ASLAN", "АСЛАНОВИЧ", "АСЛАНОВНА", "АСЛАНҰЛЫ", "АСЛАНҚЫЗЫ"),
    MaleName("АСҚАР", "ASKAR", "АСҚАРОВИЧ", "АСҚАРОВНА", "АСҚАРҰЛЫ", "АСҚАРҚЫЗЫ"),
    MaleName("АСЫЛБЕК", "ASYLBEK", "АСЫЛБЕКОВИЧ", "АСЫЛБЕКОВНА", "АСЫЛБЕКҰЛЫ", "АСЫЛБЕКҚЫЗЫ"),
    MaleName("АЯН", "AYAN", "АЯНОВИЧ", "АЯНОВНА", "АЯНҰЛЫ", "АЯНҚЫЗЫ"),
    MaleName("БАУЫРЖАН", "BAUYRZHAN", "БАУЫРЖАНОВИЧ", "БАУЫРЖАНОВНА", "БАУЫРЖАНҰЛЫ", "БАУЫРЖАНҚЫЗЫ"),
    MaleName("БЕРІК", "BERIK", "БЕРІКОВИЧ", "БЕРІКОВНА", "БЕРІКҰЛЫ", "БЕРІКҚЫЗЫ"),
    MaleName("БОЛАТ", "BOLAT", "БОЛАТОВИЧ", "БОЛАТОВНА", "БОЛАТҰЛЫ", "БОЛАТҚЫЗЫ"),
    MaleName("ДАНИЯР", "DANIYAR", "ДАНИЯРОВИЧ", "ДАНИЯРОВНА", "ДАНИЯРҰЛЫ", "ДАНИЯРҚЫЗЫ"),
    MaleName("ДӘУЛЕТ", "DAULET", "ДӘУЛЕТОВИЧ", "ДӘУЛЕТОВНА", "ДӘУЛЕТҰЛЫ", "ДӘУЛЕТҚЫЗЫ"),
    MaleName("ДИАС", "DIAS", "ДИАСОВИЧ", "ДИАСОВНА", "ДИАСҰЛЫ", "ДИАСҚЫЗЫ"),
    MaleName("ДИДАР", "DIDAR", "ДИДАРОВИЧ", "ДИДАРОВНА", "ДИДАРҰЛЫ", "ДИДАРҚЫЗЫ"),
    MaleName("ЕРЖАН", "ERZHAN", "ЕРЖАНОВИЧ", "ЕРЖАНОВНА", "ЕРЖАНҰЛЫ", "ЕРЖАНҚЫЗЫ"),
    MaleName("ЕРНАР", "ERNAR", "ЕРНАРОВИЧ", "ЕРНАРОВНА", "ЕРНАРҰЛЫ", "ЕРНАРҚЫЗЫ"),
    MaleName("ЕРКЕБҰЛАН", "ERKEBULAN", "ЕРКЕБҰЛАНОВИЧ", "ЕРКЕБҰЛАНОВНА", "ЕРКЕБҰЛАНҰЛЫ", "ЕРКЕБҰЛАНҚЫЗЫ"),
    MaleName("ЖАНБОЛАТ", "ZHANBOLAT", "ЖАНБОЛАТОВИЧ", "ЖАНБОЛАТОВНА", "ЖАНБОЛАТҰЛЫ", "ЖАНБОЛАТҚЫЗЫ"),
    MaleName("ЖАСҰЛАН", "ZHASULAN", "ЖАСҰЛАНОВИЧ", "ЖАСҰЛАНОВНА", "ЖАСҰЛАНҰЛЫ", "ЖАСҰЛАНҚЫЗЫ"),
    MaleName("ЖАҚСЫЛЫҚ", "ZHAKSYLYK", "ЖАҚСЫЛЫҚОВИЧ", "ЖАҚСЫЛЫҚОВНА", "ЖАҚСЫЛЫҚҰЛЫ", "ЖАҚСЫЛЫҚҚЫЗЫ"),
    MaleName("ИСЛАМ", "ISLAM", "ИСЛАМОВИЧ", "ИСЛАМОВНА", "ИСЛАМҰЛЫ", "ИСЛАМҚЫЗЫ"),
    MaleName("ҚАНАТ", "KANAT", "ҚАНАТОВИЧ", "ҚАНАТОВНА", "ҚАНАТҰЛЫ", "ҚАНАТҚЫЗЫ"),
    MaleName("ҚУАНЫШ", "KUANYSH", "ҚУАНЫШЕВИЧ", "ҚУАНЫШЕВНА", "ҚУАНЫШҰЛЫ", "ҚУАНЫШҚЫЗЫ"),
    MaleName("МАДИ", "MADI", "МАДИЕВИЧ", "МАДИЕВНА", "МАДИҰЛЫ", "МАДИҚЫЗЫ"),
    MaleName("МАРАТ", "MARAT", "МАРАТОВИЧ", "МАРАТОВНА", "МАРАТҰЛЫ", "МАРАТҚЫЗЫ"),
    MaleName("МАҚСАТ", "MAKSAT", "МАҚСАТОВИЧ", "МАҚСАТОВНА", "МАҚСАТҰЛЫ", "МАҚСАТҚЫЗЫ"),
    MaleName("МЕЙРАМ", "MEIRAM", "МЕЙРАМОВИЧ", "МЕЙРАМОВНА", "МЕЙРАМҰЛЫ", "МЕЙРАМҚЫЗЫ"),
    MaleName("МИРАС", "MIRAS", "МИРАСОВИЧ", "МИРАСОВНА", "МИРАСҰЛЫ", "МИРАСҚЫЗЫ"),
    MaleName("НҰРБОЛ", "NURBOL", "НҰРБОЛОВИЧ", "НҰРБОЛОВНА", "НҰРБОЛҰЛЫ", "НҰРБОЛҚЫЗЫ"),
    MaleName("НҰРСҰЛТАН", "NURSULTAN", "НҰРСҰЛТАНОВИЧ", "НҰРСҰЛТАНОВНА", "НҰРСҰЛТАНҰЛЫ", "НҰРСҰЛТАНҚЫЗЫ"),
    MaleName("НҰРЖАН", "NURZHAN", "НҰРЖАНОВИЧ", "НҰРЖАНОВНА", "НҰРЖАНҰЛЫ", "НҰРЖАНҚЫЗЫ"),
    MaleName("ОЛЖАС", "OLZHAS", "ОЛЖАСОВИЧ", "ОЛЖАСОВНА", "ОЛЖАСҰЛЫ", "ОЛЖАСҚЫЗЫ"),
    MaleName("РУСЛАН", "RUSLAN", "РУСЛАНОВИЧ", "РУСЛАНОВНА", "РУСЛАНҰЛЫ", "РУСЛАНҚЫЗЫ"),
    MaleName("РАМАЗАН", "RAMAZAN", "РАМАЗАНОВИЧ", "РАМАЗАНОВНА", "РАМАЗАНҰЛЫ", "РАМАЗАНҚЫЗЫ"),
    MaleName("САНЖАР", "SANZHAR", "САНЖАРОВИЧ", "САНЖАРОВНА", "САНЖАРҰЛЫ", "САНЖАРҚЫЗЫ"),
    MaleName("СӘКЕН", "SAKEN", "СӘКЕНОВИЧ", "СӘКЕНОВНА", "СӘКЕНҰЛЫ", "СӘКЕНҚЫЗЫ"),
    MaleName("СҰЛТАН", "SULTAN", "СҰЛТАНОВИЧ", "СҰЛТАНОВНА", "СҰЛТАНҰЛЫ", "СҰЛТАНҚЫЗЫ"),
    MaleName("ТАЛҒАТ", "TALGAT", "ТАЛҒАТОВИЧ", "ТАЛҒАТОВНА", "ТАЛҒАТҰЛЫ", "ТАЛҒАТҚЫЗЫ"),
    MaleName("ТЕМІРЛАН", "TEMIRLAN", "ТЕМІРЛАНОВИЧ", "ТЕМІРЛАНОВНА", "ТЕМІРЛАНҰЛЫ", "ТЕМІРЛАНҚЫЗЫ"),
    MaleName("ТӨЛЕГЕН", "TOLEGEN", "ТӨЛЕГЕНОВИЧ", "ТӨЛЕГЕНОВНА", "ТӨЛЕГЕНҰЛЫ", "ТӨЛЕГЕНҚЫЗЫ"),
    MaleName("ӘЛИ", "ALI", "ӘЛИЕВИЧ", "ӘЛИЕВНА", "ӘЛИҰЛЫ", "ӘЛИҚЫЗЫ"),
    MaleName("ӘЛИХАН", "ALIKHAN", "ӘЛИХАНОВИЧ", "ӘЛИХАНОВНА", "ӘЛИХАНҰЛЫ", "ӘЛИХАНҚЫЗЫ"),
    MaleName("ӘДІЛЕТ", "ADILET", "ӘДІЛЕТОВИЧ", "ӘДІЛЕТОВНА", "ӘДІЛЕТҰЛЫ", "ӘДІЛЕТҚЫЗЫ"),
    MaleName("ҒАЛЫМ", "GALYM", "ҒАЛЫМОВИЧ", "ҒАЛЫМОВНА", "ҒАЛЫМҰЛЫ", "ҒАЛЫМҚЫЗЫ"),
    MaleName("ҒАБИТ", "GABIT", "ҒАБИТОВИЧ", "ҒАБИТОВНА", "ҒАБИТҰЛЫ", "ҒАБИТҚЫЗЫ"),
    MaleName("СЕЙТҚАЛИ", "SEITKALI", "СЕЙТҚАЛИЕВИЧ", "СЕЙТҚАЛИЕВНА", "СЕЙТҚАЛИҰЛЫ", "СЕЙТҚАЛИҚЫЗЫ"),
    MaleName("ЖҰМАБЕК", "ZHUMABEK", "ЖҰМАБЕКОВИЧ", "ЖҰМАБЕКОВНА", "ЖҰМАБЕКҰЛЫ", "ЖҰМАБЕКҚЫЗЫ"),
    MaleName("ӘБІЛ", "ABIL", "ӘБІЛОВИЧ", "ӘБІЛОВНА", "ӘБІЛҰЛЫ", "ӘБІЛҚЫЗЫ"),
    MaleName("АЗАМАТ", "AZAMAT", "АЗАМАТОВИЧ", "АЗАМАТОВНА", "АЗАМАТҰЛЫ", "АЗАМАТҚЫЗЫ"),
    MaleName("ЕЛДОС", "ELDOS", "ЕЛДОСОВИЧ", "ЕЛДОСОВНА", "ЕЛДОСҰЛЫ", "ЕЛДОСҚЫЗЫ"),
    MaleName("ШЫНҒЫС", "SHYNGYS", "ШЫНҒЫСОВИЧ", "ШЫНҒЫСОВНА", "ШЫНҒЫСҰЛЫ", "ШЫНҒЫСҚЫЗЫ"),
    MaleName("ЖӘНІБЕК", "ZHANIBEK", "ЖӘНІБЕКОВИЧ", "ЖӘНІБЕКОВНА", "ЖӘНІБЕКҰЛЫ", "ЖӘНІБЕКҚЫЗЫ"),
    MaleName("БЕКЗАТ", "BEKZAT", "БЕКЗАТОВИЧ", "БЕКЗАТОВНА", "БЕКЗАТҰЛЫ", "БЕКЗАТҚЫЗЫ"),
    MaleName("АБЫЛАЙ", "ABYLAI", "АБЫЛАЕВИЧ", "АБЫЛАЕВНА", "АБЫЛАЙҰЛЫ", "АБЫЛАЙҚЫЗЫ"),
    MaleName("АЛТЫНБЕК", "ALTYNBEK", "АЛТЫНБЕКОВИЧ", "АЛТЫНБЕКОВНА", "АЛТЫНБЕКҰЛЫ", "АЛТЫНБЕКҚЫЗЫ"),
    MaleName("БАҚЫТЖАН", "BAKYTZHAN", "БАҚЫТЖАНОВИЧ", "БАҚЫТЖАНОВНА", "БАҚЫТЖАНҰЛЫ", "БАҚЫТЖАНҚЫЗЫ"),
)

_KAZAKH_FEMALE: Final[tuple[FemaleName, ...]] = (
    FemaleName("АЙГЕРІМ", "AIGERIM"), FemaleName("ДИНАРА", "DINARA"), FemaleName("ГҮЛНАР", "GULNAR"),
    FemaleName("ЖАНАР", "ZHANAR"), FemaleName("СӘУЛЕ", "SAULE"), FemaleName("АЙГҮЛ", "AIGUL"),
    FemaleName("ӘЛИЯ", "ALIYA"), FemaleName("ШЫНАР", "SHYNAR"), FemaleName("АЙНҰР", "AINUR"),
    FemaleName("АЙЖАН", "AIZHAN"), FemaleName("АЙДАНА", "AIDANA"), FemaleName("АҚБОТА", "AKBOTA"),
    FemaleName("АҚЕРКЕ", "AKERKE"), FemaleName("АЛТЫНАЙ", "ALTYNAI"), FemaleName("АНАР", "ANAR"),
    FemaleName("АРАЙЛЫМ", "ARAILYM"), FemaleName("АРУЖАН", "ARUZHAN"), FemaleName("ӘСЕЛ", "ASEL"),
    FemaleName("БАЛНҰР", "BALNUR"), FemaleName("БОТАГӨЗ", "BOTAGOZ"), FemaleName("ГАУХАР", "GAUKHAR"),
    FemaleName("ГҮЛМИРА", "GULMIRA"), FemaleName("ГҮЛЖАН", "GULZHAN"), FemaleName("ДАНА", "DANA"),
    FemaleName("ДИАНА", "DIANA"), FemaleName("ЖАНСАЯ", "ZHANSAYA"), FemaleName("ЖҰЛДЫЗ", "ZHULDYZ"),
    FemaleName("ЗАРИНА", "ZARINA"), FemaleName("ЗЕРЕ", "ZERE"), FemaleName("ИНДИРА", "INDIRA"),
    FemaleName("КАМИЛА", "KAMILA"), FemaleName("ҚАРЛЫҒАШ", "KARLYGASH"), FemaleName("ҚАРАКӨЗ", "KARAKOZ"),
    FemaleName("ЛӘЗЗАТ", "LAZZAT"), FemaleName("МАДИНА", "MADINA"), FemaleName("МАЙРА", "MAIRA"),
    FemaleName("МАҚПАЛ", "MAKPAL"), FemaleName("МАРЖАН", "MARZHAN"), FemaleName("МЕРУЕРТ", "MERUERT"),
    FemaleName("МӨЛДІР", "MOLDIR"), FemaleName("НАЗЕРКЕ", "NAZERKE"), FemaleName("НАЗЫМ", "NAZYM"),
    FemaleName("НҰРСҰЛУ", "NURSULU"), FemaleName("РАУШАН", "RAUSHAN"), FemaleName("САБИНА", "SABINA"),
    FemaleName("САЛТАНАТ", "SALTANAT"), FemaleName("СЫМБАТ", "SYMBAT"), FemaleName("ТОМИРИС", "TOMIRIS"),
    FemaleName("ҰЛЖАН", "ULZHAN"), FemaleName("ШОЛПАН", "SHOLPAN"), FemaleName("ЭЛЬМИРА", "ELMIRA"),
    FemaleName("ЖАЗИРА", "ZHAZIRA"), FemaleName("ГҮЛНҰР", "GULNUR"), FemaleName("БИБІГҮЛ", "BIBIGUL"),
    FemaleName("АЙСҰЛУ", "AISULU"), FemaleName("ІҢКӘР", "INKAR"), FemaleName("ДӘМЕТКЕН", "DAMETKEN"),
    FemaleName("ЕҢЛІК", "ENLIK"), FemaleName("ӘСЕМ", "ASEM"), FemaleName("ПЕРИЗАТ", "PERIZAT"),
    FemaleName("ФАРИЗА", "FARIZA"), FemaleName("ЖІБЕК", "ZHIBEK"),
)

_KAZAKH_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("СЕЙТҚАЛИЕВ", "СЕЙТҚАЛИЕВА", "SEITKALIEV", "SEITKALIEVA"),
    Surname("ЖҰМАБЕКОВ", "ЖҰМАБЕКОВА", "ZHUMABEKOV", "ZHUMABEKOVA"),
    Surname("ӘБІЛОВ", "ӘБІЛОВА", "ABILOV", "ABILOVA"),
    Surname("ТӨЛЕГЕНОВ", "ТӨЛЕГЕНОВА", "TOLEGENOV", "TOLEGENOVA"),
    Surname("НҰРЛАНОВ", "НҰРЛАНОВА", "NURLANOV", "NURLANOVA"),
    Surname("АХМЕТОВ", "АХМЕТОВА", "AKHMETOV", "AKHMETOVA"),
    Surname("ОМАРОВ", "ОМАРОВА", "OMAROV", "OMAROVA"),
    Surname("ЫСҚАҚОВ", "ЫСҚАҚОВА", "YSKAKOV", "YSKAKOVA"),
    Surname("ЖАҚЫПОВ", "ЖАҚЫПОВА", "ZHAKYPOV", "ZHAKYPOVA"),
    Surname("СӘРСЕНБАЕВ", "СӘРСЕНБАЕВА", "SARSENBAEV", "SARSENBAEVA"),
    Surname("ТОҚТАРОВ", "ТОҚТАРОВА", "TOKTAROV", "TOKTAROVA"),
    Surname("ҚАСЫМОВ", "ҚАСЫМОВА", "KASYMOV", "KASYMOVA"),
    Surname("СҰЛТАНОВ", "СҰЛТАНОВА", "SULTANOV", "SULTANOVA"),
    Surname("ЕСЕНОВ", "ЕСЕНОВА", "ESENOV", "ESENOVA"),
    Surname("ЕРМЕКОВ", "ЕРМЕКОВА", "ERMEKOV", "ERMEKOVA"),
    Surname("БАЙМҰХАНОВ", "БАЙМҰХАНОВА", "BAIMUKHANOV", "BAIMUKHANOVA"),
    Surname("НҰРҒАЛИЕВ", "НҰРҒАЛИЕВА", "NURGALIEV", "NURGALIEVA"),
    Surname("ҚҰДАЙБЕРГЕНОВ", "ҚҰДАЙБЕРГЕНОВА", "KUDAIBERGENOV", "KUDAIBERGENOVA"),
    Surname("ЖАНДОСОВ", "ЖАНДОСОВА", "ZHANDOSOV", "ZHANDOSOVA"),
    Surname("ТЕМІРХАНОВ", "ТЕМІРХАНОВА", "TEMIRKHANOV", "TEMIRKHANOVA"),
    Surname("ТӘЖІБАЕВ", "ТӘЖІБАЕВА", "TAZHIBAEV", "TAZHIBAEVA"),
    Surname("СЕРІКОВ", "СЕРІКОВА", "SERIKOV", "SERIKOVA"),
    Surname("МҰРАТОВ", "МҰРАТОВА", "MURATOV", "MURATOVA"),
    Surname("ДҮЙСЕНБАЕВ", "ДҮЙСЕНБАЕВА", "DUISENBAEV", "DUISENBAEVA"),
    Surname("ТҰРСЫНОВ", "ТҰРСЫНОВА", "TURSYNOV", "TURSYNOVA"),
    Surname("СМАҒҰЛОВ", "СМАҒҰЛОВА", "SMAGULOV", "SMAGULOVA"),
    Surname("ЖАРЫЛҚАСЫНОВ", "ЖАРЫЛҚАСЫНОВА", "ZHARYLKASYNOV", "ZHARYLKASYNOVA"),
    Surname("ОРАЗОВ", "ОРАЗОВА", "ORAZOV", "ORAZOVA"),
    Surname("АМАНОВ", "АМАНОВА", "AMANOV", "AMANOVA"),
    Surname("ҚАЛИЕВ", "ҚАЛИЕВА", "KALIEV", "KALIEVA"),
    Surname("ЖҰМАҒАЛИЕВ", "ЖҰМАҒАЛИЕВА", "ZHUMAGALIEV", "ZHUMAGALIEVA"),
    Surname("ТОҚАЕВ", "ТОҚАЕВА", "TOKAEV", "TOKAEVA"),
    Surname("ӘУЕЗОВ", "ӘУЕЗОВА", "AUEZOV", "AUEZOVA"),
    Surname("АЙТБАЕВ", "АЙТБАЕВА", "AITBAEV", "AITBAEVA"),
    Surname("БЕЙСЕНОВ", "БЕЙСЕНОВА", "BEISENOV", "BEISENOVA"),
    Surname("БЕКМҰХАМБЕТОВ", "БЕКМҰХАМБЕТОВА", "BEKMUKHAMBETOV", "BEKMUKHAMBETOVA"),
    Surname("КӘРІМОВ", "КӘРІМОВА", "KARIMOV", "KARIMOVA"),
    Surname("ҚОЖАХМЕТОВ", "ҚОЖАХМЕТОВА", "KOZHAKHMETOV", "KOZHAKHMETOVA"),
    Surname("МҰХАМЕДЖАНОВ", "МҰХАМЕДЖАНОВА", "MUKHAMEDZHANOV", "MUKHAMEDZHANOVA"),
    Surname("ОСПАНОВ", "ОСПАНОВА", "OSPANOV", "OSPANOVA"),
    Surname("РАХЫМОВ", "РАХЫМОВА", "RAKHYMOV", "RAKHYMOVA"),
    Surname("САПАРОВ", "САПАРОВА", "SAPAROV", "SAPAROVA"),
    Surname("СӘДУАҚАСОВ", "СӘДУАҚАСОВА", "SADUAKASOV", "SADUAKASOVA"),
    Surname("ТЛЕУБАЕВ", "ТЛЕУБАЕВА", "TLEUBAEV", "TLEUBAEVA"),
    Surname("ҮСЕНОВ", "ҮСЕНОВА", "USENOV", "USENOVA"),
    Surname("ШӘРІПОВ", "ШӘРІПОВА", "SHARIPOV", "SHARIPOVA"),
    Surname("ӘЛІМЖАНОВ", "ӘЛІМЖАНОВА", "ALIMZHANOV", "ALIMZHANOVA"),
    Surname("ӘБДІРАХМАНОВ", "ӘБДІРАХМАНОВА", "ABDIRAKHMANOV", "ABDIRAKHMANOVA"),
    Surname("ДОСМҰХАМБЕТОВ", "ДОСМҰХАМБЕТОВА", "DOSMUKHAMBETOV", "DOSMUKHAMBETOVA"),
    Surname("ҚАНАТОВ", "ҚАНАТОВА", "KANATOV", "KANATOVA"),
    Surname("НАУРЫЗБАЕВ", "НАУРЫЗБАЕВА", "NAURYZBAEV", "NAURYZBAEVA"),
    Surname("ИМАНҒАЛИЕВ", "ИМАНҒАЛИЕВА", "IMANGALIEV", "IMANGALIEVA"),
    Surname("ҚҰНАНБАЕВ", "ҚҰНАНБАЕВА", "KUNANBAEV", "KUNANBAEVA"),
    Surname("ЕРҒАЛИЕВ", "ЕРҒАЛИЕВА", "ERGALIEV", "ERGALIEVA"),
    Surname("ЖЕКСЕНБАЕВ", "ЖЕКСЕНБАЕВА", "ZHEKSENBAEV", "ZHEKSENBAEVA"),
    Surname("ТҰРЛЫБЕКОВ", "ТҰРЛЫБЕКОВА", "TURLYBEKOV", "TURLYBEKOVA"),
    Surname("СМАЙЫЛОВ", "СМАЙЫЛОВА", "SMAIYLOV", "SMAIYLOVA"),
    Surname("ӘБІШЕВ", "ӘБІШЕВА", "ABISHEV", "ABISHEVA"),
    Surname("МҰСАЕВ", "МҰСАЕВА", "MUSAEV", "MUSAEVA"),
    Surname("КЕНЖЕБАЕВ", "КЕНЖЕБАЕВА", "KENZHEBAEV", "KENZHEBAEVA"),
    Surname("НҰРПЕЙІСОВ", "НҰРПЕЙІСОВА", "NURPEIISOV", "NURPEIISOVA"),
    Surname("ЖОЛДАСБЕКОВ", "ЖОЛДАСБЕКОВА", "ZHOLDASBEKOV", "ZHOLDASBEKOVA"),
    Surname("БЕРДІБЕКОВ", "БЕРДІБЕКОВА", "BERDIBEKOV", "BERDIBEKOVA"),
    Surname("СҮЛЕЙМЕНОВ", "СҮЛЕЙМЕНОВА", "SULEIMENOV", "SULEIMENOVA"),
    Surname("ДӘУЛЕТОВ", "ДӘУЛЕТОВА", "DAULETOV", "DAULETOVA"),
    Surname("БАЙТҰРСЫНОВ", "БАЙТҰРСЫНОВА", "BAITURSYNOV", "BAITURSYNOVA"),
    Surname("МАМИН", "МАМИНА", "MAMIN", "MAMINA"),
    Surname("ТАЖИН", "ТАЖИНА", "TAZHIN", "TAZHINA"),
    Surname("ҚАРИН", "ҚАРИНА", "KARIN", "KARINA"),
)

_RUSSIAN_MALE: Final[tuple[MaleName, ...]] = _european_male(
    """
    АЛЕКСАНДР АЛЕКСЕЙ АНАТОЛИЙ АНДРЕЙ АНТОН АРТЕМ БОРИС ВАДИМ ВАЛЕРИЙ ВАСИЛИЙ ВИКТОР ВИТАЛИЙ ВЛАДИМИР ВЛАДИСЛАВ
    ВЯЧЕСЛАВ ГЕННАДИЙ ГЕОРГИЙ ДАНИИЛ ДЕНИС ДМИТРИЙ ЕВГЕНИЙ ЕГОР ИВАН ИГОРЬ ИЛЬЯ КИРИЛЛ КОНСТАНТИН МАКСИМ МИХАИЛ
    НИКИТА НИКОЛАЙ ОЛЕГ ПАВЕЛ ПЕТР РОМАН СЕРГЕЙ СТАНИСЛАВ ЮРИЙ ЯРОСЛАВ ЛЕОНИД ГРИГОРИЙ ФЕДОР МАТВЕЙ ТИМОФЕЙ
    ВАЛЕНТИН АРКАДИЙ
    """
)

_RUSSIAN_FEMALE: Final[tuple[FemaleName, ...]] = _european_female(
    """
    АЛЕКСАНДРА АЛЕНА АЛЛА АНАСТАСИЯ АННА АНТОНИНА ВАЛЕНТИНА ВАЛЕРИЯ ВАРВАРА ВЕРА ВЕРОНИКА ВИКТОРИЯ ГАЛИНА ДАРЬЯ
    ЕВГЕНИЯ ЕКАТЕРИНА ЕЛЕНА ЕЛИЗАВЕТА ЖАННА ЗИНАИДА ЗОЯ ИННА ИРИНА КРИСТИНА КСЕНИЯ ЛАРИСА ЛИДИЯ ЛЮБОВЬ ЛЮДМИЛА
    МАРГАРИТА МАРИНА МАРИЯ НАДЕЖДА НАТАЛЬЯ НИНА ОКСАНА ОЛЬГА ПОЛИНА СВЕТЛАНА СОФИЯ ТАМАРА ТАТЬЯНА ЮЛИЯ ЯНА
    """
)

_RUSSIAN_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("ИВАНОВ", "ИВАНОВА", "IVANOV", "IVANOVA"),
    Surname("СМИРНОВ", "СМИРНОВА", "SMIRNOV", "SMIRNOVA"),
    Surname("КУЗНЕЦОВ", "КУЗНЕЦОВА", "KUZNETSOV", "KUZNETSOVA"),
    Surname("ПОПОВ", "ПОПОВА", "POPOV", "POPOVA"),
    Surname("ВАСИЛЬЕВ", "ВАСИЛЬЕВА", "VASILEV", "VASILEVA"),
    Surname("ПЕТРОВ", "ПЕТРОВА", "PETROV", "PETROVA"),
    Surname("СОКОЛОВ", "СОКОЛОВА", "SOKOLOV", "SOKOLOVA"),
    Surname("МИХАЙЛОВ", "МИХАЙЛОВА", "MIKHAILOV", "MIKHAILOVA"),
    Surname("НОВИКОВ", "НОВИКОВА", "NOVIKOV", "NOVIKOVA"),
    Surname("ФЕДОРОВ", "ФЕДОРОВА", "FEDOROV", "FEDOROVA"),
    Surname("МОРОЗОВ", "МОРОЗОВА", "MOROZOV", "MOROZOVA"),
    Surname("ВОЛКОВ", "ВОЛКОВА", "VOLKOV", "VOLKOVA"),
    Surname("АЛЕКСЕЕВ", "АЛЕКСЕЕВА", "ALEKSEEV", "ALEKSEEVA"),
    Surname("ЛЕБЕДЕВ", "ЛЕБЕДЕВА", "LEBEDEV", "LEBEDEVA"),
    Surname("СЕМЕНОВ", "СЕМЕНОВА", "SEMENOV", "SEMENOVA"),
    Surname("ЕГОРОВ", "ЕГОРОВА", "EGOROV", "EGOROVA"),
    Surname("ПАВЛОВ", "ПАВЛОВА", "PAVLOV", "PAVLOVA"),
    Surname("КОЗЛОВ", "КОЗЛОВА", "KOZLOV", "KOZLOVA"),
    Surname("СТЕПАНОВ", "СТЕПАНОВА", "STEPANOV", "STEPANOVA"),
    Surname("НИКОЛАЕВ", "НИКОЛАЕВА", "NIKOLAEV", "NIKOLAEVA"),
    Surname("ОРЛОВ", "ОРЛОВА", "ORLOV", "ORLOVA"),
    Surname("АНДРЕЕВ", "АНДРЕЕВА", "ANDREEV", "ANDREEVA"),
    Surname("МАКАРОВ", "МАКАРОВА", "MAKAROV", "MAKAROVA"),
    Surname("НИКИТИН", "НИКИТИНА", "NIKITIN", "NIKITINA"),
    Surname("ЗАХАРОВ", "ЗАХАРОВА", "ZAKHAROV", "ZAKHAROVA"),
    Surname("ЗАЙЦЕВ", "ЗАЙЦЕВА", "ZAITSEV", "ZAITSEVA"),
    Surname("СОЛОВЬЕВ", "СОЛОВЬЕВА", "SOLOVEV", "SOLOVEVA"),
    Surname("БОРИСОВ", "БОРИСОВА", "BORISOV", "BORISOVA"),
    Surname("ЯКОВЛЕВ", "ЯКОВЛЕВА", "YAKOVLEV", "YAKOVLEVA"),
    Surname("ГРИГОРЬЕВ", "ГРИГОРЬЕВА", "GRIGOREV", "GRIGOREVA"),
    Surname("РОМАНОВ", "РОМАНОВА", "ROMANOV", "ROMANOVA"),
    Surname("ВОРОБЬЕВ", "ВОРОБЬЕВА", "VOROBEV", "VOROBEVA"),
    Surname("СЕРГЕЕВ", "СЕРГЕЕВА", "SERGEEV", "SERGEEVA"),
    Surname("ФРОЛОВ", "ФРОЛОВА", "FROLOV", "FROLOVA"),
    Surname("БЕЛОВ", "БЕЛОВА", "BELOV", "BELOVA"),
    Surname("ТАРАСОВ", "ТАРАСОВА", "TARASOV", "TARASOVA"),
    Surname("ГУСЕВ", "ГУСЕВА", "GUSEV", "GUSEVA"),
    Surname("ТИТОВ", "ТИТОВА", "TITOV", "TITOVA"),
    Surname("КУДРЯВЦЕВ", "КУДРЯВЦЕВА", "KUDRYAVTSEV", "KUDRYAVTSEVA"),
    Surname("КОМАРОВ", "КОМАРОВА", "KOMAROV", "KOMAROVA"),
    Surname("БЕЛЯЕВ", "БЕЛЯЕВА", "BELYAEV", "BELYAEVA"),
    Surname("ЖУКОВ", "ЖУКОВА", "ZHUKOV", "ZHUKOVA"),
    Surname("СОРОКИН", "СОРОКИНА", "SOROKIN", "SOROKINA"),
    Surname("ИЛЬИН", "ИЛЬИНА", "ILIN", "ILINA"),
    Surname("ФОМИН", "ФОМИНА", "FOMIN", "FOMINA"),
    Surname("ЧЕРНЫХ", "ЧЕРНЫХ", "CHERNYKH", "CHERNYKH"),
    Surname("СЕДЫХ", "СЕДЫХ", "SEDYKH", "SEDYKH"),
    Surname("ПОКРОВСКИЙ", "ПОКРОВСКАЯ", "POKROVSKII", "POKROVSKAYA"),
)

_UZBEK_MALE: Final[tuple[MaleName, ...]] = (
    MaleName("АЛИШЕР", "ALISHER", "АЛИШЕРОВИЧ", "АЛИШЕРОВНА", None, None),
    MaleName("БАХТИЯР", "BAKHTIYAR", "БАХТИЯРОВИЧ", "БАХТИЯРОВНА", None, None),
    MaleName("БАХОДИР", "BAKHODIR", "БАХОДИРОВИЧ", "БАХОДИРОВНА", None, None),
    MaleName("ДИЛЬШОД", "DILSHOD", "ДИЛЬШОДОВИЧ", "ДИЛЬШОДОВНА", None, None),
    MaleName("ДЖАХОНГИР", "DZHAKHONGIR", "ДЖАХОНГИРОВИЧ", "ДЖАХОНГИРОВНА", None, None),
    MaleName("ИСЛОМ", "ISLOM", "ИСЛОМОВИЧ", "ИСЛОМОВНА", None, None),
    MaleName("ОЙБЕК", "OIBEK", "ОЙБЕКОВИЧ", "ОЙБЕКОВНА", None, None),
    MaleName("РУСТАМ", "RUSTAM", "РУСТАМОВИЧ", "РУСТАМОВНА", None, None),
    MaleName("САРДОР", "SARDOR", "САРДОРОВИЧ", "САРДОРОВНА", None, None),
    MaleName("ТОХИР", "TOKHIR", "ТОХИРОВИЧ", "ТОХИРОВНА", None, None),
    MaleName("УЛУГБЕК", "ULUGBEK", "УЛУГБЕКОВИЧ", "УЛУГБЕКОВНА", None, None),
    MaleName("ФАРХОД", "FARKHOD", "ФАРХОДОВИЧ", "ФАРХОДОВНА", None, None),
    MaleName("ШЕРЗОД", "SHERZOD", "ШЕРЗОДОВИЧ", "ШЕРЗОДОВНА", None, None),
    MaleName("АБДУЛЛА", "ABDULLA", "АБДУЛЛАЕВИЧ", "АБДУЛЛАЕВНА", None, None),
    MaleName("ОТАБЕК", "OTABEK", "ОТАБЕКОВИЧ", "ОТАБЕКОВНА", None, None),
)

_UZBEK_FEMALE: Final[tuple[FemaleName, ...]] = (
    FemaleName("ДИЛЬНОЗА", "DILNOZA"), FemaleName("ГУЛЬНОРА", "GULNORA"), FemaleName("ЗАРИНА", "ZARINA"),
    FemaleName("МАДИНА", "MADINA"), FemaleName("МАЛИКА", "MALIKA"), FemaleName("НИГОРА", "NIGORA"),
    FemaleName("НИЛУФАР", "NILUFAR"), FemaleName("ФЕРУЗА", "FERUZA"), FemaleName("ШАХНОЗА", "SHAKHNOZA"),
    FemaleName("ДИЛЬФУЗА", "DILFUZA"), FemaleName("ХИЛОЛА", "KHILOLA"), FemaleName("МУХАББАТ", "MUKHABBAT"),
    FemaleName("ЗУЛЬФИЯ", "ZULFIYA"), FemaleName("МАВЛЮДА", "MAVLYUDA"),
)

_UZBEK_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("ЮСУПОВ", "ЮСУПОВА", "YUSUPOV", "YUSUPOVA"),
    Surname("КАРИМОВ", "КАРИМОВА", "KARIMOV", "KARIMOVA"),
    Surname("РАХИМОВ", "РАХИМОВА", "RAKHIMOV", "RAKHIMOVA"),
    Surname("УСМАНОВ", "УСМАНОВА", "USMANOV", "USMANOVA"),
    Surname("ТУРСУНОВ", "ТУРСУНОВА", "TURSUNOV", "TURSUNOVA"),
    Surname("АЛИМОВ", "АЛИМОВА", "ALIMOV", "ALIMOVA"),
    Surname("ХОДЖАЕВ", "ХОДЖАЕВА", "KHODZHAEV", "KHODZHAEVA"),
    Surname("ЭРГАШЕВ", "ЭРГАШЕВА", "ERGASHEV", "ERGASHEVA"),
    Surname("ИСМАИЛОВ", "ИСМАИЛОВА", "ISMAILOV", "ISMAILOVA"),
    Surname("МИРЗАЕВ", "МИРЗАЕВА", "MIRZAEV", "MIRZAEVA"),
    Surname("АБДУЛЛАЕВ", "АБДУЛЛАЕВА", "ABDULLAEV", "ABDULLAEVA"),
    Surname("РАШИДОВ", "РАШИДОВА", "RASHIDOV", "RASHIDOVA"),
    Surname("САИДОВ", "САИДОВА", "SAIDOV", "SAIDOVA"),
    Surname("НАЗАРОВ", "НАЗАРОВА", "NAZAROV", "NAZAROVA"),
    Surname("ХАМИДОВ", "ХАМИДОВА", "KHAMIDOV", "KHAMIDOVA"),
)

_UKRAINIAN_MALE: Final[tuple[MaleName, ...]] = _european_male(
    """
    ТАРАС БОГДАН ОЛЕГ ВАСИЛИЙ НИКОЛАЙ ЮРИЙ ВИКТОР ВЛАДИМИР ИВАН ПЕТР ГРИГОРИЙ СТЕПАН АНДРЕЙ МИХАИЛ ВИТАЛИЙ
    """
)

_UKRAINIAN_FEMALE: Final[tuple[FemaleName, ...]] = _european_female(
    """
    ОКСАНА ОЛЕСЯ ГАЛИНА ТАТЬЯНА НАТАЛЬЯ ЛЮДМИЛА ВАЛЕНТИНА ЛЮБОВЬ НАДЕЖДА ОЛЬГА ИРИНА МАРИНА АЛЛА ЛЕСЯ ВИКТОРИЯ
    """
)

_UKRAINIAN_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("ШЕВЧЕНКО", "ШЕВЧЕНКО", "SHEVCHENKO", "SHEVCHENKO"),
    Surname("КОВАЛЕНКО", "КОВАЛЕНКО", "KOVALENKO", "KOVALENKO"),
    Surname("БОНДАРЕНКО", "БОНДАРЕНКО", "BONDARENKO", "BONDARENKO"),
    Surname("ТКАЧЕНКО", "ТКАЧЕНКО", "TKACHENKO", "TKACHENKO"),
    Surname("КРАВЧЕНКО", "КРАВЧЕНКО", "KRAVCHENKO", "KRAVCHENKO"),
    Surname("ЛЫСЕНКО", "ЛЫСЕНКО", "LYSENKO", "LYSENKO"),
    Surname("ПАВЛЕНКО", "ПАВЛЕНКО", "PAVLENKO", "PAVLENKO"),
    Surname("САВЧЕНКО", "САВЧЕНКО", "SAVCHENKO", "SAVCHENKO"),
    Surname("ЛИТВИНЕНКО", "ЛИТВИНЕНКО", "LITVINENKO", "LITVINENKO"),
    Surname("ОЛЕЙНИК", "ОЛЕЙНИК", "OLEINIK", "OLEINIK"),
    Surname("МЕЛЬНИК", "МЕЛЬНИК", "MELNIK", "MELNIK"),
    Surname("КОВАЛЬЧУК", "КОВАЛЬЧУК", "KOVALCHUK", "KOVALCHUK"),
    Surname("ПОЛИЩУК", "ПОЛИЩУК", "POLISHCHUK", "POLISHCHUK"),
    Surname("КОВАЛЕВ", "КОВАЛЕВА", "KOVALEV", "KOVALEVA"),
    Surname("ТКАЧЕВ", "ТКАЧЕВА", "TKACHEV", "TKACHEVA"),
    Surname("ЛИТВИНОВ", "ЛИТВИНОВА", "LITVINOV", "LITVINOVA"),
    Surname("КОВАЛЬСКИЙ", "КОВАЛЬСКАЯ", "KOVALSKII", "KOVALSKAYA"),
    Surname("ЯВОРСКИЙ", "ЯВОРСКАЯ", "YAVORSKII", "YAVORSKAYA"),
    Surname("ЗАВАДСКИЙ", "ЗАВАДСКАЯ", "ZAVADSKII", "ZAVADSKAYA"),
)

_UYGHUR_MALE: Final[tuple[MaleName, ...]] = (
    MaleName("ДИЛЬМУРАТ", "DILMURAT", "ДИЛЬМУРАТОВИЧ", "ДИЛЬМУРАТОВНА", None, None),
    MaleName("ДИЛЬШАТ", "DILSHAT", "ДИЛЬШАТОВИЧ", "ДИЛЬШАТОВНА", None, None),
    MaleName("ИЛЬХАМ", "ILKHAM", "ИЛЬХАМОВИЧ", "ИЛЬХАМОВНА", None, None),
    MaleName("ПАРХАТ", "PARKHAT", "ПАРХАТОВИЧ", "ПАРХАТОВНА", None, None),
    MaleName("ШАВКАТ", "SHAVKAT", "ШАВКАТОВИЧ", "ШАВКАТОВНА", None, None),
    MaleName("ЭРКИН", "ERKIN", "ЭРКИНОВИЧ", "ЭРКИНОВНА", None, None),
    MaleName("КАХАРМАН", "KAKHARMAN", "КАХАРМАНОВИЧ", "КАХАРМАНОВНА", None, None),
    MaleName("АДИЛЬ", "ADIL", "АДИЛЕВИЧ", "АДИЛЕВНА", None, None),
    MaleName("АЛИМЖАН", "ALIMZHAN", "АЛИМЖАНОВИЧ", "АЛИМЖАНОВНА", None, None),
    MaleName("ЮСУП", "YUSUP", "ЮСУПОВИЧ", "ЮСУПОВНА", None, None),
    MaleName("ТУРСУН", "TURSUN", "ТУРСУНОВИЧ", "ТУРСУНОВНА", None, None),
    MaleName("ИЛЬЯС", "ILYAS", "ИЛЬЯСОВИЧ", "ИЛЬЯСОВНА", None, None),
    MaleName("АБЛЕТ", "ABLET", "АБЛЕТОВИЧ", "АБЛЕТОВНА", None, None),
)

_UYGHUR_FEMALE: Final[tuple[FemaleName, ...]] = (
    FemaleName("ГУЛЬНАРА", "GULNARA"), FemaleName("ДИЛЬНАРА", "DILNARA"), FemaleName("ПАТИГУЛЬ", "PATIGUL"),
    FemaleName("АРЗИГУЛЬ", "ARZIGUL"), FemaleName("РИЗВАНГУЛЬ", "RIZVANGUL"), FemaleName("МАЙНУР", "MAINUR"),
    FemaleName("ГУЛЬНУР", "GULNUR"), FemaleName("ЗУЛЬФИЯ", "ZULFIYA"), FemaleName("МАЛИКА", "MALIKA"),
    FemaleName("НАЗУГУМ", "NAZUGUM"), FemaleName("ХАНИПА", "KHANIPA"), FemaleName("МУНИРА", "MUNIRA"),
    FemaleName("ГУЛЬМИРА", "GULMIRA"),
)

_UYGHUR_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("ХАМРАЕВ", "ХАМРАЕВА", "KHAMRAEV", "KHAMRAEVA"),
    Surname("МАСИМОВ", "МАСИМОВА", "MASIMOV", "MASIMOVA"),
    Surname("РОЗЫБАКИЕВ", "РОЗЫБАКИЕВА", "ROZYBAKIEV", "ROZYBAKIEVA"),
    Surname("НИЯЗОВ", "НИЯЗОВА", "NIYAZOV", "NIYAZOVA"),
    Surname("ИМИНОВ", "ИМИНОВА", "IMINOV", "IMINOVA"),
    Surname("ТУРДИЕВ", "ТУРДИЕВА", "TURDIEV", "TURDIEVA"),
    Surname("МАХМУДОВ", "МАХМУДОВА", "MAKHMUDOV", "MAKHMUDOVA"),
    Surname("КАДЫРОВ", "КАДЫРОВА", "KADYROV", "KADYROVA"),
    Surname("ИСЛАМОВ", "ИСЛАМОВА", "ISLAMOV", "ISLAMOVA"),
    Surname("ХАСАНОВ", "ХАСАНОВА", "KHASANOV", "KHASANOVA"),
    Surname("САБИРОВ", "САБИРОВА", "SABIROV", "SABIROVA"),
    Surname("ЯКУБОВ", "ЯКУБОВА", "YAKUBOV", "YAKUBOVA"),
    Surname("ТОХТАХУНОВ", "ТОХТАХУНОВА", "TOKHTAKHUNOV", "TOKHTAKHUNOVA"),
    Surname("МАМУТОВ", "МАМУТОВА", "MAMUTOV", "MAMUTOVA"),
)

_GERMAN_MALE: Final[tuple[MaleName, ...]] = _european_male(
    """
    ВИКТОР АЛЕКСАНДР ВЛАДИМИР ЭДУАРД ВАЛЬТЕР ГЕНРИХ ЯКОВ ФРИДРИХ РУДОЛЬФ ВАЛЬДЕМАР ЭРИХ АРТУР РОБЕРТ ОТТО ЭМИЛЬ
    ДАВИД АНДРЕЙ
    """
)

_GERMAN_FEMALE: Final[tuple[FemaleName, ...]] = _european_female(
    """
    ЭЛЬЗА ЭММА ИРМА ЛИДИЯ ФРИДА ИДА ЛИЛИЯ ОЛЬГА ЕЛЕНА НАТАЛЬЯ ИРИНА ЭЛЛА АМАЛИЯ МАРТА ЕКАТЕРИНА
    """
)

_GERMAN_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("ШМИДТ", "ШМИДТ", "SHMIDT", "SHMIDT"), Surname("ВАГНЕР", "ВАГНЕР", "VAGNER", "VAGNER"),
    Surname("ШУЛЬЦ", "ШУЛЬЦ", "SHULTS", "SHULTS"), Surname("ШНАЙДЕР", "ШНАЙДЕР", "SHNAIDER", "SHNAIDER"),
    Surname("ФИШЕР", "ФИШЕР", "FISHER", "FISHER"), Surname("МАЙЕР", "МАЙЕР", "MAIER", "MAIER"),
    Surname("ВЕБЕР", "ВЕБЕР", "VEBER", "VEBER"), Surname("БЕККЕР", "БЕККЕР", "BEKKER", "BEKKER"),
    Surname("ШРЕДЕР", "ШРЕДЕР", "SHREDER", "SHREDER"), Surname("ГОФМАН", "ГОФМАН", "GOFMAN", "GOFMAN"),
    Surname("ЦИММЕРМАН", "ЦИММЕРМАН", "TSIMMERMAN", "TSIMMERMAN"), Surname("КЛЕЙН", "КЛЕЙН", "KLEIN", "KLEIN"),
    Surname("ФРИЗЕН", "ФРИЗЕН", "FRIZEN", "FRIZEN"), Surname("ВАЛЬТЕР", "ВАЛЬТЕР", "VALTER", "VALTER"),
    Surname("КЕЛЛЕР", "КЕЛЛЕР", "KELLER", "KELLER"), Surname("РИХТЕР", "РИХТЕР", "RIKHTER", "RIKHTER"),
)

_TATAR_MALE: Final[tuple[MaleName, ...]] = (
    MaleName("РУСТАМ", "RUSTAM", "РУСТАМОВИЧ", "РУСТАМОВНА", None, None),
    MaleName("РИНАТ", "RINAT", "РИНАТОВИЧ", "РИНАТОВНА", None, None),
    MaleName("РАФАЭЛЬ", "RAFAEL", "РАФАЭЛЕВИЧ", "РАФАЭЛЕВНА", None, None),
    MaleName("ИЛЬДАР", "ILDAR", "ИЛЬДАРОВИЧ", "ИЛЬДАРОВНА", None, None),
    MaleName("ИЛЬНУР", "ILNUR", "ИЛЬНУРОВИЧ", "ИЛЬНУРОВНА", None, None),
    MaleName("МАРАТ", "MARAT", "МАРАТОВИЧ", "МАРАТОВНА", None, None),
    MaleName("РАМИЛЬ", "RAMIL", "РАМИЛЕВИЧ", "РАМИЛЕВНА", None, None),
    MaleName("РАВИЛЬ", "RAVIL", "РАВИЛЕВИЧ", "РАВИЛЕВНА", None, None),
    MaleName("ФАРИТ", "FARIT", "ФАРИТОВИЧ", "ФАРИТОВНА", None, None),
    MaleName("ТИМУР", "TIMUR", "ТИМУРОВИЧ", "ТИМУРОВНА", None, None),
    MaleName("АЙДАР", "AIDAR", "АЙДАРОВИЧ", "АЙДАРОВНА", None, None),
    MaleName("АЗАТ", "AZAT", "АЗАТОВИЧ", "АЗАТОВНА", None, None),
    MaleName("ДАМИР", "DAMIR", "ДАМИРОВИЧ", "ДАМИРОВНА", None, None),
    MaleName("ШАМИЛЬ", "SHAMIL", "ШАМИЛЕВИЧ", "ШАМИЛЕВНА", None, None),
    MaleName("РАШИТ", "RASHIT", "РАШИТОВИЧ", "РАШИТОВНА", None, None),
)

_TATAR_FEMALE: Final[tuple[FemaleName, ...]] = (
    FemaleName("АЛЬФИЯ", "ALFIYA"), FemaleName("АЛСУ", "ALSU"), FemaleName("ГУЗЕЛЬ", "GUZEL"),
    FemaleName("ГУЛЬНАРА", "GULNARA"), FemaleName("ДИНАРА", "DINARA"), FemaleName("ЗУЛЬФИЯ", "ZULFIYA"),
    FemaleName("ЛЕЙСАН", "LEISAN"), FemaleName("ЛИЛИЯ", "LILIYA"), FemaleName("РЕГИНА", "REGINA"),
    FemaleName("РОЗА", "ROZA"), FemaleName("ЭЛЬВИРА", "ELVIRA"), FemaleName("ВЕНЕРА", "VENERA"),
    FemaleName("ЭЛЬМИРА", "ELMIRA"),
)

_TATAR_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("САФИН", "САФИНА", "SAFIN", "SAFINA"),
    Surname("ГАЛИЕВ", "ГАЛИЕВА", "GALIEV", "GALIEVA"),
    Surname("ХАЙРУЛЛИН", "ХАЙРУЛЛИНА", "KHAIRULLIN", "KHAIRULLINA"),
    Surname("ГАРИПОВ", "ГАРИПОВА", "GARIPOV", "GARIPOVA"),
    Surname("ЗАКИРОВ", "ЗАКИРОВА", "ZAKIROV", "ZAKIROVA"),
    Surname("ВАЛИЕВ", "ВАЛИЕВА", "VALIEV", "VALIEVA"),
    Surname("ГИЛЬМАНОВ", "ГИЛЬМАНОВА", "GILMANOV", "GILMANOVA"),
    Surname("НУРИЕВ", "НУРИЕВА", "NURIEV", "NURIEVA"),
    Surname("ФАТКУЛЛИН", "ФАТКУЛЛИНА", "FATKULLIN", "FATKULLINA"),
    Surname("САДЫКОВ", "САДЫКОВА", "SADYKOV", "SADYKOVA"),
    Surname("МИНГАЗОВ", "МИНГАЗОВА", "MINGAZOV", "MINGAZOVA"),
    Surname("ШАРИПОВ", "ШАРИПОВА", "SHARIPOV", "SHARIPOVA"),
    Surname("ЯХИН", "ЯХИНА", "YAKHIN", "YAKHINA"),
    Surname("АХМЕТШИН", "АХМЕТШИНА", "AKHMETSHIN", "AKHMETSHINA"),
    Surname("ХАБИБУЛЛИН", "ХАБИБУЛЛИНА", "KHABIBULLIN", "KHABIBULLINA"),
)

_KOREAN_MALE: Final[tuple[MaleName, ...]] = _european_male(
    """
    ВИКТОР СЕРГЕЙ ВЛАДИМИР ВАЛЕРИЙ ЭДУАРД ВЯЧЕСЛАВ ГЕННАДИЙ ЮРИЙ ДМИТРИЙ ДЕНИС АРТУР ЕВГЕНИЙ РОБЕРТ ВАДИМ
    """
)

_KOREAN_FEMALE: Final[tuple[FemaleName, ...]] = _european_female(
    """
    ЕЛЕНА ИРИНА СВЕТЛАНА МАРИНА ТАТЬЯНА ЛЮДМИЛА ГАЛИНА ЖАННА ОЛЬГА АНАСТАСИЯ ВИКТОРИЯ КРИСТИНА ЮЛИЯ АНЖЕЛИКА
    """
)

_KOREAN_SURNAMES: Final[tuple[Surname, ...]] = (
    Surname("КИМ", "КИМ", "KIM", "KIM"), Surname("ПАК", "ПАК", "PAK", "PAK"), Surname("ЛИ", "ЛИ", "LI", "LI"),
    Surname("ЦОЙ", "ЦОЙ", "TSOI", "TSOI"), Surname("ТЕН", "ТЕН", "TEN", "TEN"),
    Surname("ХАН", "ХАН", "KHAN", "KHAN"), Surname("ЛИГАЙ", "ЛИГАЙ", "LIGAI", "LIGAI"),
    Surname("ОГАЙ", "ОГАЙ", "OGAI", "OGAI"), Surname("ЮГАЙ", "ЮГАЙ", "YUGAI", "YUGAI"),
    Surname("ШЕГАЙ", "ШЕГАЙ", "SHEGAI", "SHEGAI"), Surname("ТЯН", "ТЯН", "TYAN", "TYAN"),
    Surname("НИ", "НИ", "NI", "NI"), Surname("ХВАН", "ХВАН", "KHVAN", "KHVAN"), Surname("ЮН", "ЮН", "YUN", "YUN"),
    Surname("КАН", "КАН", "KAN", "KAN"), Surname("НАМ", "НАМ", "NAM", "NAM"),
)

# fmt: on

_CENSUS_2021_PERCENT: Final[dict[str, float]] = {
    "005": 70.4,
    "001": 15.5,
    "004": 3.2,
    "002": 2.0,
    "101": 1.5,
    "102": 1.2,
    "103": 1.1,
    "104": 0.6,
}
_MODELLED_PERCENT: Final[float] = sum(_CENSUS_2021_PERCENT.values())


def _share(code: str) -> float:
    return _CENSUS_2021_PERCENT[code] / _MODELLED_PERCENT


ETHNIC_GROUPS: Final[tuple[EthnicGroup, ...]] = (
    EthnicGroup("005", "КАЗАХ", "ҚАЗАҚ", _share("005"), _KAZAKH_MALE, _KAZAKH_FEMALE, _KAZAKH_SURNAMES),
    EthnicGroup("001", "РУССКИЙ", "ОРЫС", _share("001"), _RUSSIAN_MALE, _RUSSIAN_FEMALE, _RUSSIAN_SURNAMES),
    EthnicGroup("004", "УЗБЕК", "ӨЗБЕК", _share("004"), _UZBEK_MALE, _UZBEK_FEMALE, _UZBEK_SURNAMES),
    EthnicGroup("002", "УКРАИНЕЦ", "УКРАИН", _share("002"), _UKRAINIAN_MALE, _UKRAINIAN_FEMALE, _UKRAINIAN_SURNAMES),
    EthnicGroup("101", "УЙГУР", "ҰЙҒЫР", _share("101"), _UYGHUR_MALE, _UYGHUR_FEMALE, _UYGHUR_SURNAMES),
    EthnicGroup("102", "НЕМЕЦ", "НЕМІС", _share("102"), _GERMAN_MALE, _GERMAN_FEMALE, _GERMAN_SURNAMES),
    EthnicGroup("103", "ТАТАРИН", "ТАТАР", _share("103"), _TATAR_MALE, _TATAR_FEMALE, _TATAR_SURNAMES),
    EthnicGroup("104", "КОРЕЕЦ", "КӘРІС", _share("104"), _KOREAN_MALE, _KOREAN_FEMALE, _KOREAN_SURNAMES),
)

_GROUPS_BY_CODE: Final[dict[str, EthnicGroup]] = {group.code: group for group in ETHNIC_GROUPS}


def group_by_code(code: str) -> EthnicGroup:
    """Return the ethnic group with dictionary code ``code``; raise ``KeyError`` if there is none."""
    try:
        return _GROUPS_BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown ethnic group code: {code!r}") from None


_LATIN: Final = str.maketrans(
    {
        **dict(zip("АӘБВГҒДЕЁЗИЙІКҚЛМНҢОӨПРСТУҰҮФЫЭ", "AABVGGDEEZIIIKKLMNNOOPRSTUUUFYE", strict=True)),
        "Ж": "ZH",
        "Х": "KH",
        "Һ": "H",
        "Ц": "TS",
        "Ч": "CH",
        "Ш": "SH",
        "Щ": "SHCH",
        "Ю": "YU",
        "Я": "YA",
        "Ь": "",
        "Ъ": "",
    }
)


def latin(cyrillic: str) -> str:
    """The Latin form of an upper-case Cyrillic name, by the table above (НҰРЛАН → NURLAN)."""
    return cyrillic.upper().translate(_LATIN)
