package org.mineralsadvisor.timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small fact base in which, during 2025, a Chinese licensing control on gallium comes into
 * force on 15 March and ends after 31 October, and India joins the MSP on 10 June (Australia,
 * a gallium producer, has been a member all along); and a profile of India importing gallium
 * from China and Australia. Rows that must not bear on India: a control on gallium that applies
 * to the USA only, and a control on graphite, which India's profile does not import.
 */
public final class TimelineFacts {
    public static final String PROFILE = """
            {"country": "IND", "asOf": "2026-01-01",
             "capabilities": {"exportControlRegime": "PARTIAL", "investmentScreening": true, "esgStandards": true},
             "stockpileBudgetUsd": 100000000,
             "minerals": [{"mineral": "gallium", "annualDemandTonnes": 100, "stockTonnes": 5, "defenceUse": true,
                           "imports": [{"from": "CHN", "tonnes": 80}, {"from": "AUS", "tonnes": 20}]}]}""";

    private TimelineFacts() {
    }

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "countries.csv", "iso3,name", "AUS,Australia", "CHN,China", "IND,India", "USA,United States");
        write(dir, "minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,true,true,500000,test,2025",
                "graphite,Graphite,BATTERY,false,false,,test,2025");
        write(dir, "production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.90,test,2025",
                "gallium,refining,AUS,0.06,test,2025",
                "graphite,mining,CHN,0.78,test,2025");
        write(dir, "export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "gallium,CHN,LICENSING,2025-03-15,2025-10-31,ALL,test,2025",
                "gallium,CHN,BAN,2025-08-01,,USA,test,2025",
                "graphite,CHN,LICENSING,2025-05-01,,ALL,test,2025");
        write(dir, "coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals,test,2025");
        write(dir, "coalition_members.csv", "coalition,country,joined,source,as_of",
                "MSP,USA,2022-06-14,test,2025",
                "MSP,AUS,2022-06-14,test,2025",
                "MSP,IND,2025-06-10,test,2025");
        write(dir, "corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                + "power_available,magnet_plant_linked,clearance,source,as_of");
        return dir;
    }

    private static void write(Path dir, String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
