/* Reading texts of "Climate Data for Sustainable Cities", kept apart from the course structure. */

export const WELCOME = `## Welcome

Cities are where most people live and where most emissions come from. In 2018 the UN estimated that
**55 %** of the world's population lived in urban areas, a share expected to reach **68 % by 2050**
(UN DESA, *World Urbanization Prospects 2018*). The IPCC's Sixth Assessment Report attributes roughly
two thirds of global CO₂ emissions to urban areas.

This course is taught jointly by **Tsinghua University** (Beijing) and the **University of Nairobi**.
Two very different cities — one continental and dry in winter, one at 1,795 m near the equator with
two rainy seasons — run through every week as worked examples.

### What you will do

1. Find and download open climate data for a city of your choice.
2. Compute a baseline, anomalies and a simple trend.
3. Turn the numbers into evidence for an adaptation decision.

### How the course works

| Week | Topic | Assessment |
|---|---|---|
| 1 | Cities and climate | practice quiz |
| 2–3 | Working with open climate data | graded homework |
| 4 | From data to decisions | final exam |

You need a spreadsheet program (LibreOffice Calc, Excel or Google Sheets). Python is welcome but
not required.`;

export const HEAT_ISLANDS = `## The urban heat island

An **urban heat island** (UHI) is a city that is warmer than the rural land around it. The
difference is largest on calm, clear nights, when streets and buildings release the heat they
stored during the day.

### Why cities run hot

- **Materials**: asphalt and concrete absorb more solar energy and release it slowly.
- **Geometry**: narrow "urban canyons" trap long-wave radiation.
- **Less evaporation**: fewer trees, soil and water surfaces mean less cooling by evapotranspiration.
- **Waste heat**: vehicles, air conditioners and industry add heat directly.

### Measuring it

| Method | What it measures | Strength | Limitation |
|---|---|---|---|
| Paired weather stations | Air temperature, urban minus rural | Long, comparable records | Few stations; siting matters |
| Satellite land-surface temperature | Skin temperature of surfaces | Complete spatial coverage | Not the air people breathe; cloud gaps |
| Mobile transects | Air temperature along a route | Cheap, fine detail | A snapshot in time |

Keep the distinction between **air temperature** and **land-surface temperature** in mind: a
satellite image of a hot roof says little about the temperature on the pavement below.

### Further reading

- US EPA, [Learn about heat islands](https://www.epa.gov/heatislands/learn-about-heat-islands)
- IPCC AR6 WGI, [Chapter 10 and Box 10.3 on urban climate](https://www.ipcc.ch/report/ar6/wg1/)`;

export const FINDING_DATA = `## Where to find open climate data

Good analysis starts with knowing what a dataset is, who made it and what it can and cannot show.

| Source | Kind | Resolution | Good for |
|---|---|---|---|
| [GHCN-Daily](https://www.ncei.noaa.gov/products/land-based-station/global-historical-climatology-network-daily) (NOAA) | Station observations | Daily, point | Long local records |
| [ERA5](https://cds.climate.copernicus.eu) (Copernicus) | Reanalysis | Hourly, about 31 km | Consistent global coverage since 1940 |
| [NASA POWER](https://power.larc.nasa.gov) | Satellite and model products | Daily, about 50 km | Quick point downloads, no account needed |
| [Climate Change Knowledge Portal](https://climateknowledgeportal.worldbank.org) (World Bank) | Observations and projections | Country and sub-national | Context and scenarios |

### Station or reanalysis?

- A **station** measures one place. It may move, change instruments or be surrounded by a growing
  city — which is exactly what we want to see for heat islands, and exactly what we must avoid
  when measuring regional warming.
- A **reanalysis** blends observations into a weather model. It has no gaps, but a grid cell of
  30 km averages a city with its countryside.

### Checklist before you download

1. Which variable, in which unit (°C or K)?
2. Which time step (hourly, daily, monthly)?
3. How are missing values marked (blank, \`-999\`, \`NaN\`)?
4. Which licence? ERA5 and NASA POWER are free to reuse with attribution.`;

export const ANOMALIES = `## Baselines, anomalies and trends

Climate scientists rarely look at raw temperatures. They compare each value with a **baseline**:
the average of the same month or season over a reference period. The World Meteorological
Organization's current standard period for climate normals is **1991–2020**.

### Computing an anomaly

    anomaly = observed value − baseline mean for the same calendar month

Example for a station with a 1991–2020 March mean of 21.4 °C:

| Year | March mean (°C) | Anomaly (°C) |
|---|---|---|
| 2022 | 21.9 | +0.5 |
| 2023 | 21.2 | −0.2 |
| 2024 | 22.9 | +1.5 |

Anomalies remove the seasonal cycle, so January and July can be plotted on one axis and stations
at different altitudes can be compared.

### A simple trend

Fit a straight line to annual anomalies (least squares; \`SLOPE()\` in any spreadsheet) and
multiply the slope by 10 to express it **per decade**. Report how many years you used: a trend over
15 years is dominated by natural variability.

### Context

The IPCC found that global surface temperature in 2011–2020 was **1.09 °C** higher than in
1850–1900. Land warms faster than the ocean, and many cities add their own heat island on top.`;

export const DECISIONS = `## From data to decisions

Data matter when they change what a city does. Three patterns recur:

### 1. Target the hottest, most exposed neighbourhoods

Overlay a heat map with who lives there: older people, outdoor workers, informal settlements with
metal roofs. Cooling the hottest block of a wealthy district helps fewer people than a modest
gain where exposure and vulnerability meet.

### 2. Match the measure to the mechanism

| Measure | Works through | Typical setting |
|---|---|---|
| Street trees and parks | Shade and evapotranspiration | Streets, schools, markets |
| Cool (high-albedo) roofs | Reflecting sunlight | Low-rise housing, warehouses |
| Permeable surfaces and wetlands | Storing water, cooling by evaporation | Flood-prone districts |
| Early-warning systems | Changing behaviour during heatwaves | Whole city |

China's **Sponge City** programme, piloted from 2015, combines several of these to absorb and
reuse rainwater. Nairobi's river corridors show the same idea at work for flood risk.

### 3. Monitor and report

Decide in advance what you will measure (for example night-time minimum temperature at five
sites) and publish the data openly so that residents and researchers can check the results.

Your final assignment asks you to write a one-page brief for a city official using the data you
analysed in week 3.`;
