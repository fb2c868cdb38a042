/* Reading texts of "Circular Design", kept apart from the course structure. */

export const LINEAR_TO_CIRCULAR = `## From linear to circular

Most products follow a **linear** path: *take* raw materials, *make* a product, *use* it, *dispose*
of it. A **circular economy** keeps products, components and materials in use at their highest
value for as long as possible, and returns biological materials safely to the soil.

The Circle Economy foundation's *Circularity Gap Report* estimates that only about **7 %** of the
materials entering the global economy come from cycled sources. The rest is newly extracted.

### Two cycles

| Cycle | Materials | Strategies |
|---|---|---|
| Technical | Metals, plastics, glass | maintain, reuse, refurbish, remanufacture, recycle |
| Biological | Food, wood, natural fibres | cascade, compost, anaerobic digestion |

The Ellen MacArthur Foundation's **butterfly diagram** draws these two cycles side by side. The
inner loops — keeping a product working — save far more material and energy than the outer loop
of recycling.

### The EU waste hierarchy

The EU Waste Framework Directive (2008/98/EC) ranks options in this order:

1. Prevention
2. Preparing for re-use
3. Recycling
4. Other recovery, for example energy recovery
5. Disposal

Design decides most of a product's environmental impact: by the time it reaches a recycling
plant, the choices that matter have long been made.`;

export const R_STRATEGIES = `## The R-strategies

The Netherlands Environmental Assessment Agency (PBL, Potting et al., 2017) orders circular
strategies from the most to the least circular:

| | Strategy | Meaning |
|---|---|---|
| R0 | Refuse | Make the product redundant or offer its function another way |
| R1 | Rethink | Use the product more intensively, for example by sharing |
| R2 | Reduce | Use fewer materials and less energy to make and use it |
| R3 | Reuse | A second user takes the product as it is |
| R4 | Repair | Fix a defective product so it works as before |
| R5 | Refurbish | Restore an old product and bring it up to date |
| R6 | Remanufacture | Use parts of a discarded product in a new product with the same function |
| R7 | Repurpose | Use parts of a discarded product in a product with a different function |
| R8 | Recycle | Process materials to the same or lower quality |
| R9 | Recover | Incinerate materials with energy recovery |

Lower numbers usually keep more value. A designer's question is therefore not "can it be
recycled?" but "which is the *lowest* R this product can reach, and what stops it?"`;

export const DESIGN_PRINCIPLES = `## Design principles for circularity

### Design for longevity

- Choose durable materials where wear happens: hinges, connectors, edges.
- Offer spare parts and publish repair manuals.
- Make the product easy to update, for example with modular electronics.

### Design for disassembly

- Prefer **screws and snap fits** over glue and welds.
- Limit the number of **different materials** and mark plastics with their type (ISO 11469).
- Keep the tools needed to a minimum, ideally one standard screwdriver.

### Measuring recycled content

    recycled content (%) = mass of recycled material ÷ total product mass × 100

A 2.0 kg kettle containing 0.5 kg of recycled steel has 25 % recycled content.

### Regulation is catching up

The EU's **Ecodesign for Sustainable Products Regulation** (Regulation (EU) 2024/1781) lets the
Commission set requirements on durability, repairability, recycled content and information, and
introduces a **Digital Product Passport** that travels with the product.`;

export const CASE_STUDY = `## Case study: an office chair

An office chair is a good exercise because it mixes metals, plastics, foam and textile and is
often thrown away when a single part fails.

| Part | Typical failure | Circular response |
|---|---|---|
| Gas lift | Loses pressure after years | Standard part, replaceable with one tool |
| Seat foam and fabric | Wear and stains | Clip-on cover, separable from foam |
| Castors | Break or mark floors | Push-fit, sold as spare parts |
| Frame | Rarely fails | Single alloy, no coatings that block recycling |

Try it yourself: pick an object at home, list its parts, and mark for each the **lowest R**
it could reach today and what design change would lower it further.`;
