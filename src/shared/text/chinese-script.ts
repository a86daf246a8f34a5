/**
 * Characters written differently in Simplified and Traditional Chinese, aligned pair by
 * pair: among the most frequent characters that differ (们/們, 这/這, 国/國 ...). A text
 * in one script is full of its column and almost free of the other's.
 */
const SIMPLIFIED =
  '们这国说为时会发经对学来过个门问见东长开关车马书让认记话语还进现实点动电业从无产样众华头议务员单广应总将气则义乐听报场变资导达运连选农处备设诉质试术权条统际级织约结给师线组营观视觉风飞鱼鸟龙齐号读谈许论识调谁该请谢贵买卖费轻较边铁银错钱页顾领题额养馆热爱间机档于与么历区县当岁帮带并战数断旧办协卫压厅参双叶吗启响围图圆坏块坚够夺奋妇宁宝宽寻层岛币帅归录彻忆态怀恶惊惯愿戏护担拥择挥换据敌显构标树桥检欢毕汇沟济浓测满灭灵灾烟爷犹独环画疗监盖确礼种积称穷笔简类纪纸练细终绍继续维综编网罗职联脑节艺药虽补装规览计订讨训讯讲证评词译责购贸赛转轮软辞远违迹适遗邮邻释钟闭闻阳阴阵阶陆陈隐难静项顺须预频饭驾验鲜黄';
const TRADITIONAL =
  '們這國說為時會發經對學來過個門問見東長開關車馬書讓認記話語還進現實點動電業從無產樣眾華頭議務員單廣應總將氣則義樂聽報場變資導達運連選農處備設訴質試術權條統際級織約結給師線組營觀視覺風飛魚鳥龍齊號讀談許論識調誰該請謝貴買賣費輕較邊鐵銀錯錢頁顧領題額養館熱愛間機檔於與麼歷區縣當歲幫帶並戰數斷舊辦協衛壓廳參雙葉嗎啟響圍圖圓壞塊堅夠奪奮婦寧寶寬尋層島幣帥歸錄徹憶態懷惡驚慣願戲護擔擁擇揮換據敵顯構標樹橋檢歡畢匯溝濟濃測滿滅靈災煙爺猶獨環畫療監蓋確禮種積稱窮筆簡類紀紙練細終紹繼續維綜編網羅職聯腦節藝藥雖補裝規覽計訂討訓訊講證評詞譯責購貿賽轉輪軟辭遠違跡適遺郵鄰釋鐘閉聞陽陰陣階陸陳隱難靜項順須預頻飯駕驗鮮黃';

const simplified = new Set(SIMPLIFIED);
const traditional = new Set(TRADITIONAL);

/** 'zh-Hans' or 'zh-Hant' by the characters that differ, or 'zh' when too few of them occur to tell. */
export function chineseScript(text: string): 'zh-Hans' | 'zh-Hant' | 'zh' {
  let s = 0;
  let t = 0;
  for (const ch of text) {
    if (simplified.has(ch)) s++;
    else if (traditional.has(ch)) t++;
  }
  if (s + t < 3) return 'zh';
  if (t >= 3 * s) return 'zh-Hant';
  if (s >= 3 * t) return 'zh-Hans';
  return 'zh';
}

export const CHINESE_PAIRS = { simplified: SIMPLIFIED, traditional: TRADITIONAL };
