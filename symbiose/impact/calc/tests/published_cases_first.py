"""Published cases 1-35 (``docs/impact-method.md``, "Published reference cases").

The real exchanges of the first five December 2026 reviews, each returning
``((low, high), published)``; the harness in ``test_published_cases`` checks them with the
cases of the sixth review (``published_cases_sixth``). Kept apart so that the harness
stays short.
"""

from __future__ import annotations

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.heat import capacity_class, pipe_loss_mwh
from symbiose.impact.calc.tests import published_cases_sixth as sixth
from symbiose.impact.calc.types import ExchangeInputs

#: Litres of heating oil per MWh: IPCC 2006 net calorific value 43.0 TJ/Gg at 0.845 kg/l.
LITRES_PER_MWH = 3600 / (43.0 * 0.845)


def heat(mwh: float, **kw) -> ExchangeInputs:
    return ExchangeInputs("heat", mwh, quantity_unit="MWh/yr", offer_temperature_c=85,
                          need_quantity=mwh, need_quantity_unit="MWh/yr", **kw)  # fmt: skip


def romerike_co2():
    r = assess_exchange(heat(65_100, heat_replaced_fuel="fuel_oil"))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 20_100


def romerike_oil():
    f = assess_exchange(heat(65_100, heat_replaced_fuel="fuel_oil")).resources["fuel_saved_mwh"]
    return (f["low"] * LITRES_PER_MWH, f["high"] * LITRES_PER_MWH), 7_600_000


def cement_australia():
    r = assess_exchange(
        ExchangeInputs("material", 1_000_000, material_class="slag_blast_furnace",
                       distance_km=100, processing_mwh_per_t=0.05, electricity_basis="EU")
    )  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 770_000


def kalundborg_gypsum():
    r = assess_exchange(ExchangeInputs("material", 150_000, material_class="gypsum_fgd"))
    return sixth.saved_range(r.resources), 150_000


def kalundborg_water():
    r = assess_exchange(ExchangeInputs("water", 3_000_000, quantity_unit="m3/yr",
                                       material_class="cooling_water"))  # fmt: skip
    saved = r.resources["water_saved_m3"]
    return (saved, saved), 3_000_000


def delivered(mwh: float, km: float) -> tuple[float, float]:
    r = assess_exchange(heat(mwh, distance_km=km))
    used = r.heat.heat_to_receiver_mwh_per_yr
    return used, used


def mosjoen():
    return delivered(15_000, 1.0), 15_000


def heroya_phase1():
    return delivered(25_000, 0.0), 25_000


def heroya_porsgrunn():
    return delivered(30_000, 0.0), 30_000


def heroya_park():
    return delivered(16_000, 0.0), 16_000


#: Yearly average rise of the Norwegian consumer price index, % (Norges Bank, Pengepolitisk
#: rapport 1/17, data: KPI annual growth 2007-2016; SSB: 2017 and 2018 (word list entry
#: "Faste priser"), 2021 and 2022 ("Ekstraordinært år for prisveksten i 2022"), 2023
#: ("Kraftig prisvekst i 2023"), 2024 (as reported by Grannar, January 2025). 2019 and 2020
#: could not be read and count as 0 %, which understates the rise.
CPI_RISE_PCT = {2007: 0.8, 2008: 3.8, 2009: 2.1, 2010: 2.5, 2011: 1.2, 2012: 0.8, 2013: 2.1,
                2014: 2.0, 2015: 2.1, 2016: 3.6, 2017: 1.8, 2018: 2.7, 2021: 3.5, 2022: 5.8,
                2023: 5.5, 2024: 3.1}  # fmt: skip


def in_2024_kroner(nok: float, year: int) -> float:
    """A cost published in ``year``'s kroner, in 2024 kroner (the year of our cost factors)."""
    for later in range(year + 1, 2025):
        nok *= 1 + CPI_RISE_PCT.get(later, 0.0) / 100
    return nok


def viken_heat_pump_capex():
    look_low, look_high = (Lookup(load_factors(), c) for c in ("low", "high"))
    per_kw = sorted(look.value("heat.hp_capex", "NOK/kW", favourable=False)
                    for look in (look_low, look_high))  # fmt: skip
    return (per_kw[0] * 18_000, per_kw[1] * 18_000), in_2024_kroner(11_000_000 * 8.0, 2006)


def mo_network_loss_share():
    shares = []
    for case in ("low", "high"):
        look = Lookup(load_factors(), case)
        u = look.value("heat.loss_coeff.large", "W/m/K", favourable=False)
        t_ground = look.value("heat.ground_temperature", "degC")
        loss = pipe_loss_mwh(20.0, u, 85.0, 45.0, t_ground, 8760)
        shares.append(loss / 90_000)
    return (min(shares), max(shares)), 0.10


def ggbs_china_to_uk():
    r = assess_exchange(
        ExchangeInputs("material", 1, material_class="slag_blast_furnace",
                       processing_mwh_per_t=0.05, distance_km=17_700, transport_mode="ship",
                       electricity_basis="EU")
    )  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 0.585


def ggbs_uk():
    r = assess_exchange(
        ExchangeInputs("material", 1, material_class="slag_blast_furnace",
                       processing_mwh_per_t=0.05, electricity_basis="EU")
    )  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 0.75


def csma_ggbs():
    r = assess_exchange(
        ExchangeInputs("material", 1_500_000, material_class="slag_blast_furnace",
                       processing_mwh_per_t=0.05, electricity_basis="EU")
    )  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 1_500_000


def scrap(material_class: str, tonnes: float, published: float):
    """Scrap used instead of primary metal: substitution counted (``offer_route="unused"``)."""
    r = assess_exchange(ExchangeInputs("material", tonnes, material_class=material_class,
                                       offer_route="unused"))  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), published


def alupro_aluminium():
    return scrap("metal_aluminium", 1, 9.0)


def copper_alliance():
    return scrap("metal_copper", 9_000_000, 40_000_000)


def worldsteel_scrap():
    return scrap("metal_ferrous", 650_000_000, 975_000_000)


def mo_district_heat_co2():
    """Heat produced for Mo Fjernvarme's network: it reaches the users through it."""
    recovered = 75_200 * 0.991
    r = assess_exchange(heat(recovered, heat_replaced_fuel="fuel_oil", through_network=True))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 20_000


def mo_gruben_pipe_capex():
    klass = capacity_class(2_800 / 8760)
    capex = sorted(Lookup(load_factors(), case).value(f"heat.pipe_cost.{klass}", "NOK/m",
                                                      favourable=False) * 2_100
                   for case in ("low", "high"))  # fmt: skip
    return (capex[0], capex[1]), in_2024_kroner(13_600_000, 2018)


def hanson_regen():
    return ggbs_uk()[0], 0.85


def euric_plastics():
    return scrap("polymer", 1, 2.5)


def ocap_greenhouses():
    r = assess_exchange(ExchangeInputs("material", 400_000, material_class="co2@greenhouse"))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 205_000


def bkk_co2():
    r = assess_exchange(heat(70_000, heat_replaced_fuel="fuel_oil"))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 20_000


def bkk_oil():
    f = assess_exchange(heat(70_000, heat_replaced_fuel="fuel_oil")).resources["fuel_saved_mwh"]
    return (f["low"] * LITRES_PER_MWH, f["high"] * LITRES_PER_MWH), 7_000_000


def fossekall_heat_per_oil():
    """Heat delivered per unit of oil the boiler burnt (its seasonal efficiency), 6 decimals."""
    f = assess_exchange(heat(1_000, heat_replaced_fuel="fuel_oil")).resources["fuel_saved_mwh"]
    ratios = sorted(round(1_000 / f[case], 6) for case in ("low", "high"))
    return (ratios[0], ratios[1]), 0.72


def dow_yara_hydrogen():
    """By-product hydrogen piped to an ammonia plant, its class's default route today."""
    r = assess_exchange(ExchangeInputs("material", 4_500, material_class="hydrogen"))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 10_000


def gef_fly_ash():
    r = assess_exchange(ExchangeInputs("material", 1, material_class="ash_fly",
                                       offer_route="unused"))  # fmt: skip
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), 1.0


def cullet_raw_materials():
    """Virgin material a tonne of cullet saves, against the published 1.2 t of batch."""
    r = assess_exchange(ExchangeInputs("material", 1, material_class="glass"))
    return sixth.saved_range(r.resources), 1.2


def loop_glass():
    return scrap("glass", 1, 0.2)


def loop_aluminium():
    return scrap("metal_aluminium", 1, 10.0)


def loop_steel():
    return scrap("metal_ferrous", 1, 1.0)


def default_route(material_class: str, published: float):
    """One tonne recycled instead of going the class's default way (incineration)."""
    r = assess_exchange(ExchangeInputs("material", 1, material_class=material_class))
    return (r.co2e_t_per_yr.low, r.co2e_t_per_yr.high), published


def loop_corrugated():
    return default_route("paper", 1.0)


def loop_plastics():
    """Published as 1.5-2.5 kg per kg; tested at the middle, as decided before the run."""
    return default_route("polymer", 2.0)


def recycling_center_glass():
    return scrap("glass", 1, 0.315)


def switcheko_paper():
    return scrap("paper", 1, 1.05)


CASES = {
    "romerike_co2": romerike_co2, "romerike_oil": romerike_oil,
    "cement_australia": cement_australia, "kalundborg_gypsum": kalundborg_gypsum,
    "kalundborg_water": kalundborg_water, "mosjoen": mosjoen, "heroya_phase1": heroya_phase1,
    "heroya_porsgrunn": heroya_porsgrunn, "heroya_park": heroya_park,
    "viken_heat_pump_capex": viken_heat_pump_capex,
    "mo_network_loss_share": mo_network_loss_share, "ggbs_china_to_uk": ggbs_china_to_uk,
    "ggbs_uk": ggbs_uk, "csma_ggbs": csma_ggbs, "alupro_aluminium": alupro_aluminium,
    "copper_alliance": copper_alliance, "worldsteel_scrap": worldsteel_scrap,
    "mo_district_heat_co2": mo_district_heat_co2, "mo_gruben_pipe_capex": mo_gruben_pipe_capex,
    "hanson_regen": hanson_regen, "euric_plastics": euric_plastics,
    "ocap_greenhouses": ocap_greenhouses, "bkk_co2": bkk_co2, "bkk_oil": bkk_oil,
    "fossekall_heat_per_oil": fossekall_heat_per_oil,
    "dow_yara_hydrogen": dow_yara_hydrogen, "gef_fly_ash": gef_fly_ash,
    "cullet_raw_materials": cullet_raw_materials, "loop_glass": loop_glass,
    "loop_aluminium": loop_aluminium, "loop_steel": loop_steel,
    "loop_corrugated": loop_corrugated, "loop_plastics": loop_plastics,
    "recycling_center_glass": recycling_center_glass, "switcheko_paper": switcheko_paper,
}  # fmt: skip
#: Where each published figure was read: (publisher and title as cited in
#: docs/impact-method.md, year of publication or "undated").
SOURCES = {
    "romerike_co2": ("43 millioner til fjernvarme på Romerike", "2011"),
    "romerike_oil": ("43 millioner til fjernvarme på Romerike", "2011"),
    "cement_australia": ('Cement Australia (company website, "Cement supplements")', "undated"),
    "kalundborg_gypsum": ("Kalundborg Symbiosis website, results 2010", "2010"),
    "kalundborg_water": ("Kalundborg Symbiosis website, results 2010", "2010"),
    "mosjoen": ("Recycling energy for heating", "undated"),
    "heroya_phase1": ("Herøya Industripark news, 2017", "2017"),
    "heroya_porsgrunn": ("Herøya Industripark news, 2017", "2017"),
    "heroya_park": ("Herøya Industripark news, 2017", "2017"),
    "viken_heat_pump_capex": ("IEA Heat Pump Centre news, 2007", "2007"),
    "mo_network_loss_share": ("Mo Industripark news 2011", "2011"),
    "ggbs_china_to_uk": ("How much CO2 can be saved using GGBS from China?", "undated"),
    "ggbs_uk": ("How much CO2 can be saved using GGBS from China?", "undated"),
    "csma_ggbs": ("Cementitious Slag Makers Association, memorandum", "1999"),
    "alupro_aluminium": ("Aluminium and the carbon economy", "undated"),
    "copper_alliance": ('Copper Alliance, fact sheet "Copper Recycling"', "undated"),
    "worldsteel_scrap": ('worldsteel, "Raw materials"', "undated"),
    "mo_district_heat_co2": ("Fjernvarme med stor gjenvinningsgevinst", "undated"),
    "mo_gruben_pipe_capex": ("Mo Fjernvarme utvider til Gruben", "2018"),
    "hanson_regen": ('Hanson UK, "Eco-friendly concrete benefits"', "undated"),
    "euric_plastics": ("EuRIC, *Recycling: Bridging Circular Economy & Climate Policy*", "undated"),
    "ocap_greenhouses": ('Sustainable Urban Delta, "OCAP"', "undated"),
    "bkk_co2": ("BKK Varme district heating, Bergen (Bergens Tidende", "2007"),
    "bkk_oil": ("BKK Varme district heating, Bergen (Bergens Tidende", "2007"),
    "fossekall_heat_per_oil": ("Fossekall report for Norsk Fjernvarme and others", "2013"),
    "dow_yara_hydrogen": ('Smart Delta Resources, business case "Hydrogen symbiosis"', "undated"),
    "gef_fly_ash": ('Green Education Foundation, "Fly ash concrete"', "undated"),
    "cullet_raw_materials": ("Uusioaines Oy, Finnish cullet processor", "undated"),
    "loop_glass": ('Stiftelsen LOOP, "CO2 og energibesparelse"', "undated"),
    "loop_aluminium": ('Stiftelsen LOOP, "CO2 og energibesparelse"', "undated"),
    "loop_steel": ('Stiftelsen LOOP, "CO2 og energibesparelse"', "undated"),
    "loop_corrugated": ('Stiftelsen LOOP, "CO2 og energibesparelse"', "undated"),
    "loop_plastics": ('Stiftelsen LOOP, "CO2 og energibesparelse"', "undated"),
    "recycling_center_glass": ("Recycling Center, recycling-center.gr", "undated"),
    "switcheko_paper": ("Switch Eko", "undated"),
}
