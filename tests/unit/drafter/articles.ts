/** The fixture articles, read with Vite's `?raw` import (the tests run inside workerd, without a file system). */
import battery from "../../fixtures/articles/battery-factory.txt?raw";
import bread from "../../fixtures/articles/bread-prices.txt?raw";
import comet from "../../fixtures/articles/comet-ice.txt?raw";
import cup from "../../fixtures/articles/cup-final.txt?raw";
import folk from "../../fixtures/articles/folk-festival.txt?raw";
import marathon from "../../fixtures/articles/marathon-heat.txt?raw";
import measles from "../../fixtures/articles/measles-cases.txt?raw";
import museum from "../../fixtures/articles/museum-reopening.txt?raw";
import pension from "../../fixtures/articles/pension-reform-vote.txt?raw";
import river from "../../fixtures/articles/river-footbridge.txt?raw";
import school from "../../fixtures/articles/school-phone-ban.txt?raw";
import tram from "../../fixtures/articles/tram-line-vote.txt?raw";
import wildfire from "../../fixtures/articles/wildfire-evacuation.txt?raw";
import { ARTICLE_SLUGS, type FixtureArticle, parseArticleText } from "../../fixtures/drafter-articles";

const texts: Record<(typeof ARTICLE_SLUGS)[number], string> = {
	"battery-factory": battery,
	"bread-prices": bread,
	"comet-ice": comet,
	"cup-final": cup,
	"folk-festival": folk,
	"marathon-heat": marathon,
	"measles-cases": measles,
	"museum-reopening": museum,
	"pension-reform-vote": pension,
	"river-footbridge": river,
	"school-phone-ban": school,
	"tram-line-vote": tram,
	"wildfire-evacuation": wildfire,
};

export const fixtureArticles: FixtureArticle[] = ARTICLE_SLUGS.map((slug) => parseArticleText(slug, texts[slug]));
