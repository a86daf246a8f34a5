/**
 * The most frequent Chinese characters, simplified and traditional forms. Used only to
 * tell a right decoding (GB18030 vs Big5 vs Shift_JIS of the same bytes) from mojibake:
 * real text is full of these, a wrong decoding almost never produces them.
 */
const SHARED =
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴低坐集客且居';

// Traditional forms of frequent characters whose simplified form differs.
const TRADITIONAL =
  '這個們來時為說國會對學後裡麼與發實動現將開經點進過還種當從見長問關機頭樣體應電題產變話間東門車書軍馬飛無員據區幾場條親樂氣萬業義務歲億買賣讓認識議論讀課語誰變隨難雙雲電靜風飯館聽記許設該請調談證識鐘錢鐵開關陽陰際雖離難響順題顏願類麼黨齊龍龜總續義語們會議說們處歷華團園圖國際廣東聯網權條達這邊選還';

export const COMMON_HANZI: ReadonlySet<string> = new Set([...SHARED, ...TRADITIONAL]);
